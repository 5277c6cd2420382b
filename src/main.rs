use std::process::ExitCode;

use clap::Parser;

/// glibc raises its mmap threshold to the size of each large block freed (up to 32 MB);
/// after the first, the big vectors of a long article's claims are carved from the heap,
/// and the copies they leave when they grow stay there (a 4 MB article's `extract` peaked
/// at 33 MB instead of 28). Fixed thresholds send large blocks back to the system on free.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn fix_malloc_thresholds() {
    const BYTES: libc::c_int = 128 << 10;
    // SAFETY: mallopt only sets two parameters of the allocator, before any thread runs.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, BYTES);
        libc::mallopt(libc::M_TRIM_THRESHOLD, BYTES);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn fix_malloc_thresholds() {}

fn main() -> ExitCode {
    fix_malloc_thresholds();
    let cli = claimdesk::cli::Cli::parse();
    match claimdesk::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // `claimdesk claims | head -1`: the reader left; that is not an error.
        Err(e) if claimdesk::cli::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // The message can quote user text (a file name, a title): never raw to a terminal.
            let message = format!("{e:#}");
            eprintln!(
                "error: {}",
                claimdesk::cli::output::sanitize(&message, false)
            );
            ExitCode::from(claimdesk::error::exit_code(&e))
        }
    }
}
