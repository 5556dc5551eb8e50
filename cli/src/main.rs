//! The `isms` command.
fn main() {}
