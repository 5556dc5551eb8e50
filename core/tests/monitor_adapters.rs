//! Adapters on sample files written after the formats' published shapes
//! (`core/tests/monitor/`): Prowler JSON-OCSF, OCSF Compliance Finding,
//! AWS Security Hub ASFF, Powerpipe benchmark JSON, OSCAL assessment results.
#![allow(clippy::unwrap_used)]
use isms_core::engine::monitor_ingest;
use isms_core::monitor::{AdapterOptions, InputFormat, ResultRecord, ResultSeverity, Status};

fn ingest(format: InputFormat, text: &str, mapping: Option<&str>) -> isms_core::engine::Ingested {
    monitor_ingest(format, text, mapping, &AdapterOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn find<'a>(rs: &'a [ResultRecord], check: &str) -> &'a ResultRecord {
    rs.iter().find(|r| r.check == check).unwrap_or_else(|| panic!("no record for {check}"))
}

#[test]
fn prowler_ocsf_reads_status_code_and_unmapped_compliance() {
    let got = ingest(InputFormat::ProwlerOcsf, include_str!("monitor/prowler-ocsf.json"), None);
    assert_eq!(got.records.len(), 3);
    let root = find(&got.records, "iam_root_mfa_enabled");
    assert_eq!(root.status, Status::Pass);
    assert_eq!(root.source.tool, "prowler");
    assert_eq!(root.source.version.as_deref(), Some("4.3.0"));
    assert_eq!(root.resource_id.as_deref(), Some("arn:aws:iam::123456789012:root"));
    assert_eq!(root.resource_type.as_deref(), Some("AwsIamUser"));
    assert_eq!(root.severity, Some(ResultSeverity::Critical));
    assert_eq!(root.observed_at.to_rfc3339(), "2026-03-02T06:00:00+00:00");
    // 2022 ids lose the `A.`; the 2013 id is kept as 2013; CIS is kept, not evaluated.
    assert_eq!(root.annex_a_controls(), vec!["8.5"]);
    assert!(root.controls.iter().any(|c| c.framework == "iso27001-2013" && c.id == "A.9.4.2"));
    let s3 = find(&got.records, "s3_bucket_kms_encryption");
    assert_eq!((s3.status, s3.annex_a_controls()), (Status::Fail, vec!["8.11", "8.24"]));
    assert_eq!(find(&got.records, "account_incident_response_plan").status, Status::Manual);
    // The record without a status is reported, not dropped.
    assert_eq!(got.rejected.len(), 1);
    assert_eq!((got.rejected[0].index, got.rejected[0].field.as_str()), (Some(3), "$.status_code"));
}

#[test]
fn prowler_ocsf_also_reads_one_object_per_line() {
    let v: Vec<serde_json::Value> = serde_json::from_str(include_str!("monitor/prowler-ocsf.json")).unwrap();
    let lines: Vec<String> = v.iter().map(|x| x.to_string()).collect();
    let got = ingest(InputFormat::ProwlerOcsf, &lines.join("\n"), None);
    assert_eq!((got.records.len(), got.rejected.len()), (3, 1));
}

#[test]
fn asff_reads_compliance_status_and_related_requirements() {
    let got = ingest(InputFormat::Asff, include_str!("monitor/asff.json"), None);
    let mfa = find(&got.records, "iam_user_mfa_enabled_console_access");
    assert_eq!(mfa.status, Status::Fail);
    assert_eq!(mfa.annex_a_controls(), vec!["5.17", "8.5"]);
    assert_eq!(mfa.source.tool, "prowler");
    assert_eq!(mfa.severity, Some(ResultSeverity::High));
    assert_eq!(mfa.resource_id.as_deref(), Some("arn:aws:iam::123456789012:user/alice"));
    let s3 = find(&got.records, "S3.5");
    assert_eq!(s3.status, Status::Pass);
    assert_eq!(s3.observed_at.to_rfc3339(), "2026-03-02T09:58:00+00:00", "LastObservedAt wins");
    assert!(s3.annex_a_controls().is_empty(), "NIST requirements are not ISO controls");
    // NOT_AVAILABLE: the check did not run. Not evaluated, never not applicable.
    assert_eq!(find(&got.records, "Config.1").status, Status::Error);
    // A threat finding has no compliance status: reported.
    assert_eq!(got.rejected.len(), 1);
    assert_eq!((got.rejected[0].index, got.rejected[0].field.as_str()), (Some(3), "$.Compliance.Status"));
    // With a mapping table, unmapped checks get controls.
    let got = ingest(
        InputFormat::Asff,
        include_str!("monitor/asff.json"),
        Some("check,framework,control\nS3.5,iso27001-2022,8.24\n"),
    );
    assert_eq!(find(&got.records, "S3.5").annex_a_controls(), vec!["8.24"]);
}

#[test]
fn ocsf_compliance_findings_one_record_per_check() {
    let got = ingest(InputFormat::Ocsf, include_str!("monitor/ocsf-compliance.json"), None);
    let rds = find(&got.records, "rds_backup_enabled");
    assert_eq!((rds.status, rds.annex_a_controls()), (Status::Fail, vec!["8.13"]));
    assert_eq!(rds.source.run_id.as_deref(), Some("scan-2026-03-02"));
    assert_eq!(rds.observed_at.to_rfc3339(), "2026-03-02T10:00:00+00:00", "epoch milliseconds");
    assert_eq!(find(&got.records, "dynamodb_pitr_enabled").status, Status::Pass);
    // status_id 2 (warning) decides nothing.
    let logging = find(&got.records, "f-1002");
    assert_eq!((logging.status, logging.annex_a_controls()), (Status::Error, vec!["8.15"]));
    assert_eq!(got.rejected.len(), 1);
    assert_eq!(got.rejected[0].field, "$.class_uid");
}

#[test]
fn powerpipe_statuses_and_a_mapping_table() {
    let text = include_str!("monitor/powerpipe.json");
    let got = ingest(InputFormat::Powerpipe, text, Some(include_str!("monitor/powerpipe-mapping.csv")));
    let by = |res: &str| got.records.iter().find(|r| r.resource_id.as_deref() == Some(res)).unwrap();
    assert_eq!(by("arn:aws:iam::123456789012:user/bob").status, Status::Fail);
    assert_eq!(by("arn:aws:iam::123456789012:user/bob").annex_a_controls(), vec!["8.5"]);
    assert_eq!(by("arn:aws:s3:::nw-logs").status, Status::NotApplicable);
    assert_eq!(by("arn:aws:s3:::nw-legacy").status, Status::Error);
    // A.12.3.1 (2013) is read as 8.13 (2022).
    assert_eq!(by("arn:aws:s3:::nw-invoices").annex_a_controls(), vec!["8.13"]);
    assert_eq!(by("arn:aws:s3:::nw-invoices").observed_at.to_rfc3339(), "2026-03-02T07:04:12+00:00");
    assert_eq!(got.rejected.len(), 1);
    assert!(got.rejected[0].field.ends_with(".status"), "{:?}", got.rejected[0]);
    // A mapping table with errors is refused before anything is read.
    let e = monitor_ingest(
        InputFormat::Powerpipe,
        text,
        Some("check,framework,control\nx,iso27001-2022,9.99\n"),
        &AdapterOptions::default(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("line 2"), "{e}");
}

#[test]
fn oscal_observations_take_their_findings_verdicts() {
    let got = ingest(InputFormat::OscalAr, include_str!("monitor/oscal-ar.json"), None);
    let enc = find(&got.records, "mdm_disk_encryption");
    assert_eq!((enc.status, enc.annex_a_controls()), (Status::Pass, vec!["8.1"]));
    assert_eq!(enc.evidence.as_ref().map(|e| e.uri.as_str()), Some("https://mdm.example/reports/2026-03-02.json"));
    assert_eq!(enc.source.run_id.as_deref(), Some("5d5d1b2c-0000-4000-8000-0000000000r1"));
    let vuln = find(&got.records, "vuln_scan_sla");
    assert_eq!((vuln.status, vuln.annex_a_controls()), (Status::Fail, vec!["8.8"]));
    assert_eq!(vuln.resource_type.as_deref(), Some("component"));
    assert_eq!(got.rejected.len(), 1);
    assert!(got.rejected[0].message.contains("no finding cites"), "{:?}", got.rejected[0]);
}

#[test]
fn not_the_format_is_an_error_not_an_empty_result() {
    for (f, text) in [
        (InputFormat::Asff, "42"),
        (InputFormat::OscalAr, "{}"),
        (InputFormat::Powerpipe, "[]"),
        (InputFormat::ProwlerOcsf, "{not json"),
    ] {
        assert!(monitor_ingest(f, text, None, &AdapterOptions::default()).is_err(), "{f:?}");
    }
}

#[test]
fn prowler_csv_reads_semicolon_columns_and_the_compliance_cell() {
    let got = ingest(InputFormat::ProwlerCsv, include_str!("monitor/prowler.csv"), None);
    assert_eq!(got.records.len(), 2);
    let root = find(&got.records, "iam_root_mfa_enabled");
    assert_eq!((root.status, root.annex_a_controls()), (Status::Pass, vec!["8.5"]));
    assert_eq!(root.source.version.as_deref(), Some("4.3.0"));
    assert_eq!(root.observed_at.to_rfc3339(), "2026-03-02T06:00:00.123456+00:00");
    let s3 = find(&got.records, "s3_bucket_kms_encryption");
    assert_eq!((s3.status, s3.annex_a_controls()), (Status::Fail, vec!["8.11", "8.24"]));
    assert_eq!(s3.resource_id.as_deref(), Some("arn:aws:s3:::nw-invoices"));
    assert_eq!(got.rejected.len(), 1);
    assert_eq!((got.rejected[0].line, got.rejected[0].field.as_str()), (Some(4), "STATUS"));
}
