//! Running the real `invite` binary as a child process, bounded in time, and collecting what it
//! printed; every run is checked not to print the test token or any part of it.

use std::io::{Read, Write};
use std::process::Child;
use std::time::{Duration, Instant};

use super::TOKEN;

/// The longest any single run of the binary may take.
pub const RUN_LIMIT: Duration = Duration::from_secs(20);

/// What a run produced.
#[derive(Debug)]
pub struct Run {
    /// The exit code.
    pub code: i32,
    /// Everything on standard output.
    pub stdout: String,
    /// Everything on standard error.
    pub stderr: String,
}

/// Writes `input` to `child`'s standard input, waits for it (killing it after [`RUN_LIMIT`]),
/// and asserts that neither output holds the token. `what` names the run in panics.
pub fn finish(child: Child, input: &[u8], what: &dyn std::fmt::Debug) -> Run {
    finish_within(child, input, RUN_LIMIT, what)
}

/// [`finish`], killing the child after `limit`. A child whose standard input is not piped gets
/// no `input`.
pub fn finish_within(
    mut child: Child,
    input: &[u8],
    limit: Duration,
    what: &dyn std::fmt::Debug,
) -> Run {
    let stdin = child.stdin.take();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        if let Some(mut stdin) = stdin {
            let _ = stdin.write_all(&input);
        }
    });
    let mut stdout = child.stdout.take().expect("stdout piped");
    let mut stderr = child.stderr.take().expect("stderr piped");
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for invite") {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("invite {what:?} ran longer than {limit:?}");
        }
        // Short, so a timed run (tests/saturate.rs) is measured to within a few milliseconds.
        std::thread::sleep(Duration::from_millis(2));
    };
    writer.join().expect("stdin writer");
    let run = Run {
        code: status.code().expect("exited normally"),
        stdout: out.join().expect("stdout reader"),
        stderr: err.join().expect("stderr reader"),
    };
    // Neither the whole token nor a part of it.
    for secret in [TOKEN, "sup3r-s3cr3t"] {
        assert!(
            !run.stdout.contains(secret) && !run.stderr.contains(secret),
            "the token was printed by invite {what:?}: {run:?}"
        );
    }
    run
}
