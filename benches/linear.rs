//! `claimdesk extract --format json` end to end, as a user runs it, on one document of 1, 4,
//! 16 and 40 MB: the seed article repeated, and claim-dense news text (a figure, a date or
//! an amount every few words); and on 1 and 4 MB of "N percent of ..." sentences. Time and
//! peak memory per MB must stay flat as the document grows (goals: at least 50 MB/s, peak
//! memory at most 4x the input + 16 MB). Each run is a child process of its own running the
//! command with its output to /dev/null, so that its peak memory (VmHWM) is the command's;
//! each input is run 5 times (CLAIMDESK_BENCH_RUNS), the median time shown with the best.
//! Run: `cargo bench --bench linear` (CLAIMDESK_BENCH_SIZES=1,4 for a quick look;
//! CLAIMDESK_LINEAR_KEEP=DIR keeps the inputs there, for benches/pgo/train.sh).

use std::path::Path;
use std::time::Instant;

use clap::Parser;

fn seed() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/articles/khalilzad.txt"
    );
    std::fs::read_to_string(path).expect("seed fixture")
}

fn percent_text(mb: usize) -> String {
    let mut out = String::new();
    let mut i = 0;
    while out.len() < mb << 20 {
        out.push_str(&format!(
            "About {} percent of the voters in district {i} backed the plan, officials said. ",
            10 + i % 80
        ));
        i += 1;
    }
    out
}

/// Wire-report prose dense with claims, paragraph after paragraph: counts with qualifiers,
/// dates with weekdays, amounts, percentages and durations.
fn dense_text(mb: usize) -> String {
    const DAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    const MONTHS: [&str; 6] = ["January", "March", "May", "July", "September", "November"];
    const WHAT: [(&str, &str); 4] = [
        ("troops", "were deployed"),
        ("homes", "were destroyed"),
        ("civilians", "were killed"),
        ("people", "were displaced"),
    ];
    let mut out = String::from("Tuesday May 4th, 2021\n\n");
    let mut i: usize = 0;
    while out.len() < mb << 20 {
        let (noun, verb) = WHAT[i % 4];
        out.push_str(&format!(
            "Officials said more than {},{:03} {noun} {verb} since {}, {} {}, and that ${} million had been pledged. \
             The agency said {} percent of the district had no power for {} days.\n\n",
            10 + i % 89,
            i % 1000,
            DAYS[i % 7],
            MONTHS[i % 6],
            1 + i % 28,
            100 + i % 900,
            1 + i % 99,
            2 + i % 30,
        ));
        i += 1;
    }
    out
}

fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

/// In the child: the command itself, output to the child's stdout (/dev/null); its
/// seconds and peak bytes go to stderr.
fn child(file: &Path) {
    let bytes = std::fs::metadata(file).expect("input").len();
    let cli = claimdesk::cli::Cli::parse_from([
        "claimdesk",
        "extract",
        "--max-bytes",
        &(bytes + 1).to_string(),
        "--format",
        "json",
        file.to_str().expect("path"),
    ]);
    let t = Instant::now();
    claimdesk::cli::run(cli).expect("extract");
    let secs = t.elapsed().as_secs_f64();
    eprintln!("{secs} {}", peak_kib() * 1024);
}

/// Runs of each input, each in a process of its own: one run of a short input varies by a
/// third from run to run on a shared machine; the median of several does not.
fn runs() -> usize {
    std::env::var("CLAIMDESK_BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(5)
}

/// The median and best time, and the highest peak, of `runs` runs of the command on `file`.
fn measure(me: &Path, file: &Path, runs: usize) -> (f64, f64, f64) {
    let mut secs = Vec::with_capacity(runs);
    let mut peak: f64 = 0.0;
    for _ in 0..runs {
        let out = std::process::Command::new(me)
            .env("CLAIMDESK_LINEAR_FILE", file)
            .stdout(std::process::Stdio::null())
            .output()
            .expect("child run");
        let line = String::from_utf8_lossy(&out.stderr);
        let mut figures = line.split_whitespace().map(|f| f.parse::<f64>());
        match (figures.next(), figures.next()) {
            (Some(Ok(s)), Some(Ok(p))) => {
                secs.push(s);
                peak = peak.max(p);
            }
            _ => panic!("the child run failed: {line}"),
        }
    }
    secs.sort_by(f64::total_cmp);
    (secs[secs.len() / 2], secs[0], peak)
}

fn main() {
    if let Ok(file) = std::env::var("CLAIMDESK_LINEAR_FILE") {
        child(Path::new(&file));
        return;
    }
    let sizes: Vec<usize> = std::env::var("CLAIMDESK_BENCH_SIZES")
        .unwrap_or_else(|_| "1,4,16,40".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let me = std::env::current_exe().expect("bench binary");
    let runs = runs();
    let dir = tempfile::tempdir().expect("temp dir");
    let keep = std::env::var_os("CLAIMDESK_LINEAR_KEEP").map(std::path::PathBuf::from);
    let dir = keep.as_deref().unwrap_or(dir.path());
    let one = seed();
    let inputs = sizes
        .iter()
        .map(|&mb| ("seed", mb))
        .chain(sizes.iter().map(|&mb| ("dense", mb)))
        .chain(
            sizes
                .iter()
                .filter(|&&mb| mb <= 4)
                .map(|&mb| ("percent", mb)),
        );
    for (kind, mb) in inputs {
        let text = match kind {
            "seed" => one.repeat((mb << 20) / one.len() + 1),
            "dense" => dense_text(mb),
            _ => percent_text(mb),
        };
        let file = dir.join(format!("{kind}-{mb}.txt"));
        std::fs::write(&file, &text).expect("write input");
        drop(text);
        let bytes = std::fs::metadata(&file).expect("input").len() as f64;
        let (median, best, peak) = measure(&me, &file, runs);
        println!(
            "{kind:>7} {:>5.1} MB: {:>6.3} s = {:>6.1} MB/s (median of {runs}; best {:.1}), peak {:>4.0} MB = {:.1}x the input + 16 MB",
            bytes / 1e6,
            median,
            bytes / 1e6 / median,
            bytes / 1e6 / best,
            peak / 1e6,
            (peak - 16.0 * 1024.0 * 1024.0) / bytes,
        );
        if keep.is_none() {
            std::fs::remove_file(&file).ok();
        }
    }
}
