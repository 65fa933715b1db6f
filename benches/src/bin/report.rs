//! Prints the Markdown table of criterion's medians from the last `cargo bench -p benches` run,
//! with each benchmark's ratio to the reference of its group (twilight-model through
//! `serde_json::from_slice`, the `HashMap` baseline, `String` rendering, raw `ureq`) and, in the
//! deserialization groups, to the serde_json floor (a borrowed `&str` struct). These are ratios of
//! medians taken one after the other; the deserialize bench also prints interleaved ratios, which
//! hold better on a noisy machine.
//!
//! `cargo run --release -p benches --bin report [target/criterion]`

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The reference of a group: the first benchmark whose name is one of these.
const REFERENCES: &[&str] = &[
    "twilight-model, serde_json::from_slice",
    "hashmap baseline",
    "String",
    "raw ureq",
];

/// The second reference of the deserialization groups: the serde_json floor.
const FLOOR: &str = "floor (borrowed &str struct), serde_json::from_slice";

/// One benchmark's result.
struct Entry {
    group: String,
    function: String,
    median_ns: f64,
}

fn read_entry(dir: &Path) -> Option<Entry> {
    let meta: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join("new/benchmark.json")).ok()?).ok()?;
    let estimates: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join("new/estimates.json")).ok()?).ok()?;
    let group = meta.get("group_id")?.as_str()?.to_owned();
    // `BenchmarkId::from_parameter` names land in `value_str`, plain names in `function_id`.
    let function = ["function_id", "value_str"]
        .iter()
        .find_map(|k| meta.get(*k).and_then(serde_json::Value::as_str))
        .unwrap_or("")
        .to_owned();
    let median_ns = estimates.get("median")?.get("point_estimate")?.as_f64()?;
    Some(Entry {
        group,
        function,
        median_ns,
    })
}

fn entries(root: &Path) -> Vec<Entry> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    for group in fs::read_dir(root).into_iter().flatten().flatten() {
        if group.path().join("new").is_dir() {
            dirs.push(group.path());
        }
        for bench in fs::read_dir(group.path()).into_iter().flatten().flatten() {
            if bench.path().join("new").is_dir() {
                dirs.push(bench.path());
            }
        }
    }
    dirs.sort();
    dirs.iter().filter_map(|d| read_entry(d)).collect()
}

fn human(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.3} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.3} µs", ns / 1e3)
    } else {
        format!("{ns:.1} ns")
    }
}

fn main() -> ExitCode {
    let root = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from("target/criterion"), PathBuf::from);
    let entries = entries(&root);
    if entries.is_empty() {
        eprintln!("no criterion results under {}", root.display());
        return ExitCode::FAILURE;
    }
    let mut out = String::from(
        "| group | benchmark | median | ratio to reference | ratio to floor |\n| --- | --- | ---: | ---: | ---: |\n",
    );
    for e in &entries {
        let reference = REFERENCES.iter().find_map(|r| {
            entries
                .iter()
                .find(|x| x.group == e.group && x.function == *r)
        });
        let ratio = match reference {
            Some(r) if r.function == e.function => "reference".to_owned(),
            Some(r) => format!("{:.2}×", e.median_ns / r.median_ns),
            None => "-".to_owned(),
        };
        let floor = entries
            .iter()
            .find(|x| x.group == e.group && x.function == FLOOR)
            .map_or_else(
                || "-".to_owned(),
                |f| format!("{:.2}×", e.median_ns / f.median_ns),
            );
        let _ = writeln!(
            out,
            "| {} | {} | {} | {ratio} | {floor} |",
            e.group,
            e.function,
            human(e.median_ns)
        );
    }
    print!("{out}");
    ExitCode::SUCCESS
}
