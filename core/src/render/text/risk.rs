//! `isms risk plan` and `isms simulate`: the treatment plan and the loss
//! simulation.
use super::*;

fn person(doc: Option<&Document>, id: &Option<String>) -> String {
    match id {
        Some(id) => doc
            .and_then(|d| d.people.iter().find(|p| &p.id == id))
            .map(|p| p.name.clone())
            .unwrap_or_else(|| id.clone()),
        None => "no owner".into(),
    }
}

fn action_status(s: ActionStatus) -> &'static str {
    match s {
        ActionStatus::Planned => "planned",
        ActionStatus::InProgress => "in progress",
        ActionStatus::Done => "done",
        ActionStatus::Cancelled => "cancelled",
    }
}

/// The treatment plan of `isms risk plan`: each treatment with its actions,
/// then the problems. `doc` names people and risks (ids stand in without).
pub fn treatment_plan(doc: Option<&Document>, p: &TreatmentPlan) -> String {
    let name = |id: &Option<String>| person(doc, id);
    let mut s = String::new();
    let _ = writeln!(s, "Risk treatment plan as of {}\n", p.as_of);
    if p.items.is_empty() {
        s.push_str("No treatments recorded.\n");
    }
    for t in &p.items {
        let _ = writeln!(
            s,
            "{}  {}  {} \"{}\" (owner {})  {}% done",
            t.treatment,
            crate::risk::register::option_name(t.option),
            t.risk,
            t.risk_title,
            name(&t.risk_owner),
            t.progress
        );
        if !t.controls.is_empty() {
            let list: Vec<String> = t
                .controls
                .iter()
                .map(|c| match &c.title {
                    Some(title) => format!("{} {title}", c.id),
                    None => format!("{} (unknown control)", c.id),
                })
                .collect();
            let _ = writeln!(s, "  controls: {}", list.join("; "));
        }
        for a in &t.actions {
            let mark = match a.status {
                ActionStatus::Done => "[x]",
                ActionStatus::Cancelled => "[-]",
                _ => "[ ]",
            };
            let due = a.due_on.map(|d| format!(", due {d}")).unwrap_or_default();
            let progress = a.progress.map(|p| format!(" {p}%")).unwrap_or_default();
            let overdue = if a.overdue { "  OVERDUE" } else { "" };
            let _ = writeln!(
                s,
                "  {mark} {}  {} ({}{due}, {}{progress}){overdue}",
                a.id,
                a.title,
                name(&a.owner),
                action_status(a.status)
            );
        }
    }
    s.push('\n');
    if !p.has_problems() {
        s.push_str("No problems.\n");
        return s;
    }
    s.push_str("Problems\n");
    if !p.overdue_actions.is_empty() {
        let _ = writeln!(s, "  Overdue actions ({}):", p.overdue_actions.len());
        for a in &p.overdue_actions {
            let _ = writeln!(
                s,
                "    {}  {} ({} / {}, {}), due {}, {} day(s) overdue",
                a.action,
                a.title,
                a.treatment,
                a.risk,
                name(&a.owner),
                a.due_on,
                a.days_overdue
            );
        }
    }
    if !p.untreated_above_appetite.is_empty() {
        let _ = writeln!(s, "  Risks above appetite with no treatment ({}):", p.untreated_above_appetite.len());
        for id in &p.untreated_above_appetite {
            let title =
                doc.and_then(|d| d.risks.iter().find(|r| &r.id == id)).map(|r| r.title.as_str()).unwrap_or_default();
            let _ = writeln!(s, "    {id}  {title}");
        }
    }
    if !p.not_accepted.is_empty() {
        let _ = writeln!(s, "  Residual risks not accepted by their owner ({}):", p.not_accepted.len());
        for n in &p.not_accepted {
            let why = match n.reason {
                NotAcceptedReason::Missing => "no acceptance recorded".to_string(),
                NotAcceptedReason::NotOwner => {
                    format!("accepted by {}, not the owner ({})", name(&n.accepted_by), name(&n.owner))
                }
                NotAcceptedReason::Expired => {
                    format!("acceptance expired{}", n.expires_on.map(|d| format!(" after {d}")).unwrap_or_default())
                }
                NotAcceptedReason::NotYetValid => "acceptance dated in the future".to_string(),
            };
            let _ = writeln!(s, "    {}  {why}", n.risk);
        }
    }
    if !p.modify_without_controls.is_empty() {
        let _ = writeln!(s, "  Modify treatments naming no control: {}", p.modify_without_controls.join(", "));
    }
    if !p.retain_without_acceptance.is_empty() {
        let _ = writeln!(
            s,
            "  Retain treatments of above-appetite risks without acceptance: {}",
            p.retain_without_acceptance.join(", ")
        );
    }
    s
}

/// An amount with thousands grouped, no decimals (JSON keeps full precision).
pub fn money(x: f64) -> String {
    if !x.is_finite() {
        return format!("{x}");
    }
    let s = format!("{:.0}", x.abs());
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if x < 0.0 && out != "0" { format!("-{out}") } else { out }
}

fn loss_line(out: &mut String, label: &str, r: &SimulationResult) {
    let p = &r.percentiles;
    let _ = writeln!(
        out,
        "  {label:<34} {:>13} {:>13} {:>13} {:>13} {:>7.1}%",
        money(r.mean),
        money(p.p50),
        money(p.p95),
        money(p.p99),
        r.prob_loss_positive * 100.0
    );
}

/// The document simulation of `isms simulate`.
pub fn document_simulation(sim: &DocumentSimulation) -> String {
    let mut out = String::new();
    let o = &sim.options;
    let _ = writeln!(out, "Open FAIR simulation: {} years, seed {}", o.trials, o.seed);
    if sim.risks.is_empty() {
        out.push_str("No risk carries a `fair` model; add one to a risk to quantify it.\n");
        return out;
    }
    let _ = writeln!(
        out,
        "  {:<34} {:>13} {:>13} {:>13} {:>13} {:>8}",
        "annual loss", "mean", "P50", "P95", "P99", "P(>0)"
    );
    for r in &sim.risks {
        let label: String = format!("{} {}", r.id, r.title).chars().take(34).collect();
        loss_line(&mut out, &label, &r.inherent);
        if let Some(res) = &r.residual {
            loss_line(&mut out, "    after treatment", res);
        }
        if let Some(x) = &r.rosi {
            let rosi = x.rosi.map(|v| format!("{:.0}%", v * 100.0)).unwrap_or_else(|| "n/a".into());
            let _ = writeln!(
                out,
                "    reduction {} a year for {} a year: ROSI {rosi}",
                money(x.reduction),
                money(x.annual_cost)
            );
        }
        if let Some(p) = r.inherent.prob_exceeds_tolerance {
            let _ = writeln!(out, "    P(annual loss > tolerance) = {:.2}%", p * 100.0);
        }
    }
    if let Some(p) = &sim.portfolio {
        loss_line(&mut out, "PORTFOLIO before treatment", &p.total);
    }
    if let Some(p) = &sim.residual_portfolio {
        loss_line(&mut out, "PORTFOLIO after treatment", &p.total);
    }
    out
}
