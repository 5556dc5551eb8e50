//! `isms simulate` on the bundled example: deterministic, JSON, errors.
use std::process::Command;

fn isms(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_isms")).args(args).output().expect("run isms");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/northwind-saas.json");

#[test]
fn same_seed_same_numbers_and_portfolio_is_reported() {
    let a = isms(&["simulate", EXAMPLE, "--years", "5000", "--seed", "42", "--json"]);
    let b = isms(&["simulate", EXAMPLE, "--years", "5000", "--seed", "42", "--json"]);
    assert_eq!(a.0, 0, "{}", a.2);
    assert_eq!(a.1, b.1, "same seed must give identical output");
    let v: serde_json::Value = serde_json::from_str(&a.1).expect("JSON");
    let risks = v["risks"].as_array().expect("risks");
    assert!(risks.len() >= 3);
    let total = v["portfolio"]["total"]["mean"].as_f64().expect("portfolio mean");
    let sum: f64 = risks.iter().map(|r| r["inherent"]["mean"].as_f64().unwrap_or(0.0)).sum();
    // Per-risk seeds are the same in the portfolio, so its mean is the sum of the means.
    assert!((total - sum).abs() / sum < 1e-9, "portfolio {total} vs sum {sum}");
    let after = v["residual_portfolio"]["total"]["mean"].as_f64().expect("residual mean");
    assert!(after < total, "treatment effects must lower the expected loss");
    let c = isms(&["simulate", EXAMPLE, "--years", "5000", "--seed", "43", "--json"]);
    assert_ne!(a.1, c.1, "a different seed gives different draws");
}

#[test]
fn one_risk_and_errors() {
    let (code, out, _) = isms(&["simulate", EXAMPLE, "--risk", "r-ransomware", "--years", "2000"]);
    assert_eq!(code, 0);
    assert!(out.contains("r-ransomware") && out.contains("ROSI"), "{out}");
    let (code, _, err) = isms(&["simulate", EXAMPLE, "--risk", "r-missing"]);
    assert_eq!(code, 2);
    assert!(err.contains("r-missing"), "{err}");
    let (code, _, err) = isms(&["simulate", EXAMPLE, "--years", "0"]);
    assert_eq!(code, 2);
    assert!(err.contains("trials"), "{err}");
    let (code, _, err) = isms(&["simulate", EXAMPLE, "--years", "1000000000"]);
    assert_eq!(code, 2, "work cap applies: {err}");
}
