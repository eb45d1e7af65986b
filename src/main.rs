fn main() {
    std::process::exit(tifa::cli::main());
}
