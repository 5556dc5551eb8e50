#!/usr/bin/env python3
"""Writes examples/monitoring/: automated test results for the Northwind
example (examples/northwind-saas.json) from two weekly scans, as neutral
NDJSON records (schema/monitor-record.schema.json). Deterministic."""
import json
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "examples", "monitoring")
ACCOUNT = "123456789012"


def rec(run, at, check, status, control, resource, rtype, message, severity="medium", framework="iso27001-2022"):
    return {
        "source": {"tool": "prowler", "version": "4.3.0", "run_id": run},
        "check": check,
        "status": status,
        "observed_at": at,
        "resource_id": resource,
        "resource_type": rtype,
        "controls": [{"framework": framework, "id": control}],
        "message": message,
        "severity": severity,
    }


def run(run_id, at, week2):
    user = lambda n: f"arn:aws:iam::{ACCOUNT}:user/{n}"
    bucket = lambda n: f"arn:aws:s3:::{n}"
    rs = [
        rec(run_id, at, "iam_user_mfa_enabled_console_access", "pass", "8.5", user("alice"), "AwsIamUser", "alice has MFA", "high"),
        rec(run_id, at, "iam_user_mfa_enabled_console_access", "pass" if week2 else "fail", "8.5", user("bob"),
            "AwsIamUser", "bob has MFA" if week2 else "bob has console access without MFA", "high"),
        rec(run_id, at, "iam_password_policy_minimum_length_14", "pass", "5.17", f"arn:aws:iam::{ACCOUNT}:root",
            "AwsAccount", "password policy requires 14 characters"),
        rec(run_id, at, "s3_bucket_kms_encryption", "pass", "8.24", bucket("nw-invoices"), "AwsS3Bucket", "KMS default encryption"),
        rec(run_id, at, "s3_bucket_kms_encryption", "fail", "8.24", bucket("nw-exports"), "AwsS3Bucket",
            "nw-exports has no default KMS encryption"),
        rec(run_id, at, "rds_instance_backup_enabled", "pass", "8.13", f"arn:aws:rds:eu-west-1:{ACCOUNT}:db:orders",
            "AwsRdsDbInstance", "automated backups on, 14 days"),
        rec(run_id, at, "inspector2_active_findings_exist", "fail" if week2 else "pass", "8.8",
            f"arn:aws:ec2:eu-west-1:{ACCOUNT}:instance/i-0web01", "AwsEc2Instance",
            "3 critical CVEs open on web-01" if week2 else "no active critical findings", "critical"),
        rec(run_id, at, "cloudtrail_multi_region_enabled", "error" if week2 else "pass", "8.15",
            f"arn:aws:cloudtrail:eu-west-1:{ACCOUNT}:trail/main", "AwsCloudTrailTrail",
            "AccessDenied reading trail status" if week2 else "multi-region trail logging"),
        rec(run_id, at, "guardduty_is_enabled", "pass", "8.16", f"arn:aws:guardduty:eu-west-1:{ACCOUNT}:detector/d1",
            "AwsGuardDutyDetector", "GuardDuty enabled"),
        # A 2013 id, read through the 2013 -> 2022 correspondence (A.12.1.2 -> 8.32).
        rec(run_id, at, "config_recorder_all_regions_enabled", "pass", "A.12.1.2", f"arn:aws:config:eu-west-1:{ACCOUNT}:recorder",
            "AwsConfigRecorder", "configuration changes recorded", framework="iso27001-2013"),
        # Physical entry monitoring is excluded by Northwind's SoA: reported as such.
        rec(run_id, at, "badge_reader_logs_reviewed", "manual", "7.4", "office-lisbon", "Site", "no office of its own"),
        # A clause of the management system: noted, never counted as automated.
        rec(run_id, at, "securityhub_enabled", "pass", "9.1", f"arn:aws:securityhub:eu-west-1:{ACCOUNT}:hub/default",
            "AwsSecurityHubHub", "Security Hub enabled"),
    ]
    return rs


os.makedirs(OUT, exist_ok=True)
for name, run_id, at, week2 in [
    ("run-2026-11-20.ndjson", "prowler-2026-11-20", "2026-11-20T06:00:00Z", False),
    ("run-2026-11-27.ndjson", "prowler-2026-11-27", "2026-11-27T06:00:00Z", True),
]:
    with open(os.path.join(OUT, name), "w") as f:
        for r in run(run_id, at, week2):
            f.write(json.dumps(r, separators=(",", ":")) + "\n")
