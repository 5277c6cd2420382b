//! benches/pgo/rustc-wrapper, which cargo runs for every crate it compiles: it adds the
//! profile to optimized builds only, and only for a compiler that can read it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn pgo_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/pgo")
}

/// A stand-in compiler: `-vV` names the given LLVM version; anything else prints the
/// arguments it was given, one per line.
fn fake_compiler(dir: &Path, llvm: u32) -> PathBuf {
    let path = dir.join(format!("rustc-llvm{llvm}"));
    std::fs::write(
        &path,
        format!(
            "#!/bin/sh\nif [ \"$1\" = -vV ]; then echo 'release: 1.0.0'; echo 'LLVM version: {llvm}.1.0'; exit 0; fi\nfor a in \"$@\"; do echo \"$a\"; done\n"
        ),
    )
    .expect("write the fake compiler");
    let mut perms = std::fs::metadata(&path)
        .expect("fake compiler")
        .permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&path, perms).expect("make it runnable");
    path
}

/// The arguments the compiler received through the wrapper, with `env` set (and neither
/// of the wrapper's own variables otherwise).
fn through_wrapper(compiler: &Path, args: &[&str], env: &[(&str, &str)]) -> Vec<String> {
    let mut cmd = Command::new(pgo_dir().join("rustc-wrapper"));
    cmd.arg(compiler)
        .args(args)
        .env_remove("CLAIMDESK_PGO_WARN")
        .env_remove("CLAIMDESK_PGO_GENERATE")
        .envs(env.iter().copied());
    let out = cmd.output().expect("run the wrapper");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .map(str::to_string)
        .collect()
}

fn profile_llvm() -> u32 {
    std::fs::read_to_string(pgo_dir().join("llvm-version"))
        .expect("benches/pgo/llvm-version")
        .trim()
        .parse()
        .expect("an LLVM major version")
}

#[test]
fn optimized_builds_get_the_profile_and_nothing_else_does() {
    let dir = tempfile::tempdir().expect("temp dir");
    let llvm = profile_llvm();
    let profile = pgo_dir().join("claimdesk.profdata");
    assert!(
        std::fs::metadata(&profile).expect("the profile").len() > 0,
        "{}",
        profile.display()
    );
    let use_flag = format!(
        "-Cprofile-use={}",
        profile.canonicalize().expect("profile path").display()
    );
    let release = ["--crate-name", "x", "-C", "opt-level=3", "src/lib.rs"];
    let debug = ["--crate-name", "x", "-C", "debuginfo=2", "src/lib.rs"];

    let quiet = "-Cllvm-args=-no-pgo-warn-mismatch".to_string();
    let same = fake_compiler(dir.path(), llvm);
    let got = through_wrapper(&same, &release, &[]);
    assert_eq!(got[..release.len()], release.map(String::from));
    assert_eq!(got[release.len()..], [use_flag.clone(), quiet.clone()]);
    // Asked to, LLVM names the functions the profile no longer fits.
    let got = through_wrapper(&same, &release, &[("CLAIMDESK_PGO_WARN", "1")]);
    assert_eq!(got[release.len()..], *std::slice::from_ref(&use_flag));

    // A newer LLVM reads an older profile.
    let newer = fake_compiler(dir.path(), llvm + 1);
    let got = through_wrapper(&newer, &release, &[]);
    assert_eq!(got[release.len()..], [use_flag, quiet]);

    // Debug builds, and an LLVM too old for the profile, compile as given.
    assert_eq!(through_wrapper(&same, &debug, &[]), debug.map(String::from));
    let older = fake_compiler(dir.path(), llvm - 1);
    assert_eq!(
        through_wrapper(&older, &release, &[]),
        release.map(String::from)
    );

    // train.sh's instrumented build.
    let got = through_wrapper(
        &same,
        &release,
        &[("CLAIMDESK_PGO_GENERATE", "/tmp/counts")],
    );
    assert_eq!(
        got.last().map(String::as_str),
        Some("-Cprofile-generate=/tmp/counts")
    );
    assert!(!got.iter().any(|a| a.starts_with("-Cprofile-use")));
}
