//! The `slogans` and `search` subcommands' bodies (cli.rs only parses).

use crate::corpus::Corpus;
use crate::index::Library;
use crate::outline::Outline;
use crate::search::{sentences, Candidates, Scope, Source};
use crate::slogans::{Evidence, Kind, SloganIndex, Sort};
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;

#[derive(Serialize)]
struct OccRow<'a> {
    doc: &'a str,
    paragraph: usize,
    offset: usize,
}

#[derive(Serialize)]
struct DatedRow<'a> {
    doc: &'a str,
    date: &'a str,
}

#[derive(Serialize)]
struct SloganRow<'a> {
    text: &'a str,
    kind: Kind,
    score: f64,
    count: usize,
    docs: usize,
    quoted: usize,
    years: &'a [u16],
    first: Option<DatedRow<'a>>,
    last: Option<DatedRow<'a>>,
    expansion: &'a [String],
    evidence: &'a Evidence,
    variants: &'a [String],
    occurrences: Vec<OccRow<'a>>,
}

/// `--sort` values.
#[derive(Copy, Clone, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SortArg {
    Score,
    Count,
    Docs,
    First,
}

impl From<SortArg> for Sort {
    fn from(s: SortArg) -> Sort {
        match s {
            SortArg::Score => Sort::Score,
            SortArg::Count => Sort::Count,
            SortArg::Docs => Sort::Docs,
            SortArg::First => Sort::First,
        }
    }
}

fn dated<'a>(c: &'a Corpus, d: &'a Option<crate::slogans::Dated>) -> Option<DatedRow<'a>> {
    d.as_ref().map(|d| DatedRow {
        doc: &c.docs[d.doc].id,
        date: &d.date,
    })
}

/// `tifa slogans`.
pub fn slogans(
    lib: &Library,
    json: bool,
    limit: Option<usize>,
    kind: Option<Kind>,
    sort: Sort,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let c = &lib.corpus;
    let index = crate::cli_index::slogans(lib);
    let rows: Vec<SloganRow> = index
        .order(sort)
        .into_iter()
        .map(|i| &index.slogans[i])
        .filter(|s| kind.is_none_or(|k| s.kind == k))
        .take(limit.unwrap_or(usize::MAX))
        .map(|s| SloganRow {
            text: &s.text,
            kind: s.kind,
            score: (s.score * 100.0).round() / 100.0,
            count: s.count,
            docs: s.docs,
            quoted: s.quoted,
            years: &s.years,
            first: dated(c, &s.first),
            last: dated(c, &s.last),
            expansion: &s.expansion,
            evidence: &s.evidence,
            variants: &s.variants,
            occurrences: s
                .occurrences
                .iter()
                .filter_map(|o| {
                    Some(OccRow {
                        doc: &c.docs.get(o.doc)?.id,
                        paragraph: o.paragraph,
                        offset: o.offset,
                    })
                })
                .collect(),
        })
        .collect();
    if json {
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        writeln!(out)?;
        return Ok(());
    }
    for (i, r) in rows.iter().enumerate() {
        let others: Vec<&str> = r
            .variants
            .iter()
            .filter(|v| **v != r.text)
            .map(String::as_str)
            .collect();
        let span = match (&r.first, &r.last) {
            (Some(a), Some(b)) if a.date.get(..4) != b.date.get(..4) => {
                format!(
                    "  {}–{}",
                    a.date.get(..4).unwrap_or(a.date),
                    b.date.get(..4).unwrap_or(b.date)
                )
            }
            (Some(a), _) => format!("  {}", a.date.get(..4).unwrap_or(a.date)),
            _ => String::new(),
        };
        writeln!(
            out,
            "{:>4}  {:>6.1}  {:>5}次 {:>3}篇  {:<7}  {}{}{}{}",
            i + 1,
            r.score,
            r.count,
            r.docs,
            r.kind.as_str(),
            r.text,
            if others.is_empty() {
                String::new()
            } else {
                format!("  ({})", others.join(" "))
            },
            if r.expansion.is_empty() {
                String::new()
            } else {
                format!("  = {}", r.expansion.join("、"))
            },
            span,
        )?;
    }
    Ok(())
}

/// `--kind` values.
#[derive(Copy, Clone, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    Quoted,
    Formula,
    Phrase,
    Title,
}

impl From<KindArg> for Kind {
    fn from(k: KindArg) -> Kind {
        match k {
            KindArg::Quoted => Kind::Quoted,
            KindArg::Formula => Kind::Formula,
            KindArg::Phrase => Kind::Phrase,
            KindArg::Title => Kind::Title,
        }
    }
}

/// `--in` values.
#[derive(Copy, Clone, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ScopeArg {
    Slogans,
    Text,
    All,
}

#[derive(Serialize)]
struct SearchRow<'a> {
    kind: &'static str,
    text: String,
    score: u32,
    doc: &'a str,
    title: &'a str,
    section: String,
    paragraph: u32,
    offset: u32,
    snippet: String,
}

/// `二、正视当前形势… › 一是在巩固…`: the outline chain down to the section
/// holding paragraph `p`, each heading cut short.
pub fn breadcrumb(ol: &Outline, p: usize) -> String {
    let Some(s) = ol.section_at(p) else {
        return String::new();
    };
    ol.ancestry(s)
        .into_iter()
        .map(|i| {
            let sec = &ol.sections[i];
            let title: String = sec.title.chars().take(8).collect();
            let more = if sec.title.chars().count() > 8 {
                "…"
            } else {
                ""
            };
            format!("{}{title}{more}", sec.marker)
        })
        .collect::<Vec<_>>()
        .join(" › ")
}

/// The sentence of `text` around char `offset`.
pub fn snippet(text: &str, offset: usize) -> String {
    sentences(text)
        .into_iter()
        .find(|(at, s)| *at <= offset && offset < at + s.chars().count())
        .map(|(_, s)| s.trim().to_string())
        .unwrap_or_default()
}

/// `tifa search`.
pub fn search(
    lib: &Library,
    query: &str,
    json: bool,
    limit: Option<usize>,
    scope: ScopeArg,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let scope = match scope {
        ScopeArg::Slogans => Scope::Slogans,
        ScopeArg::Text => Scope::Text,
        ScopeArg::All => Scope::All,
    };
    let c = &lib.corpus;
    let index = if scope == Scope::Text {
        std::sync::Arc::new(SloganIndex::default())
    } else {
        crate::cli_index::slogans(lib)
    };
    // Slogans built here (they are few), sentences from the index.
    let mut parts = Vec::new();
    if scope != Scope::Text {
        let sl = Candidates::build(&c.docs, &index, Scope::Slogans);
        parts.extend(sl.parts().iter().cloned());
    }
    if scope != Scope::Slogans {
        parts.extend(crate::cli_index::sentences(lib).parts().iter().cloned());
    }
    let cands = Candidates::from_parts(parts);
    let hits = crate::search::search(&cands, query, limit.unwrap_or(50));
    let mut outlines: HashMap<u32, std::sync::Arc<Outline>> = HashMap::new();
    let rows: Vec<SearchRow> = hits
        .iter()
        .map(|h| {
            let cand = cands.get(h.index as usize);
            let doc = &c.docs[cand.doc as usize];
            let ol = outlines
                .entry(cand.doc)
                .or_insert_with(|| lib.outline(cand.doc as usize));
            let para = &doc.paragraphs[cand.paragraph as usize].text;
            let snippet = snippet(para, cand.offset as usize);
            let (kind, text) = match cand.source {
                Source::Slogan(i) => ("slogan", index.slogans[i as usize].text.clone()),
                Source::Text => ("text", snippet.clone()),
            };
            SearchRow {
                kind,
                text,
                score: h.score,
                doc: &doc.id,
                title: &doc.title,
                section: breadcrumb(ol, cand.paragraph as usize),
                paragraph: cand.paragraph,
                offset: cand.offset,
                snippet,
            }
        })
        .collect();
    if json {
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        writeln!(out)?;
        return Ok(());
    }
    for r in &rows {
        writeln!(out, "{:>5}  {:<6}  {}", r.score, r.kind, r.text)?;
        writeln!(out, "       [{}] {}  {}", r.doc, r.title, r.section)?;
    }
    Ok(())
}
