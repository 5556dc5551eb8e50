//! `isms roadmap`: the steps to certification.
use super::*;

/// The 17 checklist steps of `isms roadmap`.
pub fn roadmap(r: &Roadmap) -> String {
    let mut s = String::new();
    let target = r.target_date.map(|d| format!("; certification target {d}")).unwrap_or_default();
    let _ = writeln!(
        s,
        "Roadmap as of {}{target}: {} done, {} in progress, {} not started\n",
        r.as_of, r.done, r.in_progress, r.not_started
    );
    for st in &r.steps {
        let wait = if st.waiting_on.is_empty() {
            String::new()
        } else {
            format!("  waits on {}", st.waiting_on.iter().map(u8::to_string).collect::<Vec<_>>().join(", "))
        };
        let risk = if st.at_risk { "  AT RISK" } else { "" };
        let _ = writeln!(
            s,
            "{:>2}. {:<46} {:<11} {} .. {}{risk}{wait}",
            st.step,
            st.title,
            st.status.as_str(),
            st.start,
            st.end
        );
        if !st.blocked_by.is_empty() {
            let mut rules: Vec<&str> = Vec::new();
            for b in &st.blocked_by {
                if !rules.contains(&b.rule.as_str()) {
                    rules.push(&b.rule);
                }
            }
            let _ = writeln!(s, "      {} finding(s): {}", st.blocked_by.len(), rules.join(", "));
        }
    }
    s
}
