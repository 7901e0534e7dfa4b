//! What every target shares. A reader catches a panic inside calamine at its boundary and
//! answers "the file could not be read": that is the design (README, "Why no child process"),
//! not a finding. libFuzzer's panic hook aborts on every panic, caught or not, so each target
//! puts a quiet hook in its place; a panic that escapes the reader still aborts (libfuzzer-sys
//! catches it around the target and aborts), and that is a finding, saved as a crash input.

/// Replaces libFuzzer's aborting panic hook with a quiet one (called once, at start-up).
pub fn caught_panics_are_answers() {
    std::panic::set_hook(Box::new(|_| {}));
}
