fn main() {
    tifa::tune_allocator();
    std::process::exit(tifa::cli::main());
}
