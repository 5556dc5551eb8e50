//! Helpers shared by the monitoring test files (`mod common;`).
#![allow(clippy::unwrap_used, dead_code)]
use isms_core::monitor::{ResultRecord, Status};

/// A neutral record of `check` on `resource` with `status` at `at`, mapped
/// to the one 2022 control `control`.
pub fn rec(check: &str, resource: &str, status: Status, at: &str, control: &str) -> ResultRecord {
    let status = serde_json::to_value(status).unwrap();
    serde_json::from_value(serde_json::json!({
        "source": {"tool": "prowler", "version": "4.2.0", "run_id": at},
        "check": check, "status": status, "observed_at": at,
        "resource_id": resource, "controls": [{"framework": "iso27001-2022", "id": control}]
    }))
    .unwrap()
}
