//! `isms catalog …`: print the embedded reference catalogs of the core
//! (Annex A, the 2013→2022 mapping, clauses, expected documented
//! information) as aligned tables for people or as JSON for programs.

use crate::io::Failure;
use isms_core::engine::Format;

/// The `catalog` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum CatalogCmd {
    /// List the 93 ISO/IEC 27001:2022 Annex A controls.
    AnnexA {
        /// Only this theme: organizational, people, physical or technological.
        #[arg(long)]
        theme: Option<String>,
        /// Only controls with this attribute, e.g. `control_type=preventive` or `#Preventive`.
        #[arg(long)]
        attribute: Option<String>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show the ISO/IEC 27001:2013 → 2022 control mapping (27002:2022 Annex B).
    Mapping {
        /// Only the 2022 successors of this 2013 control, e.g. `A.18.2.3`.
        #[arg(long = "from-2013", conflicts_with = "to_2022")]
        from_2013: Option<String>,
        /// Only the 2013 predecessors of this 2022 control, e.g. `5.1`.
        #[arg(long = "to-2022")]
        to_2022: Option<String>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// List clauses 4–10 of ISO/IEC 27001:2022.
    Clauses {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// List mandatory and commonly expected documented information.
    Documents {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

/// Runs a catalog subcommand through the engine's operations table.
pub fn run(cmd: CatalogCmd) -> Result<u8, Failure> {
    let (op, request, json) = match cmd {
        CatalogCmd::AnnexA { theme, attribute, json } => {
            ("catalog_annex_a", serde_json::json!({ "theme": theme, "attribute": attribute }), json)
        }
        CatalogCmd::Mapping { from_2013, to_2022, json } => {
            ("catalog_mapping", serde_json::json!({ "from_2013": from_2013, "to_2022": to_2022 }), json)
        }
        CatalogCmd::Clauses { json } => ("catalog_clauses", serde_json::json!({}), json),
        CatalogCmd::Documents { json } => ("catalog_documents", serde_json::json!({}), json),
    };
    let mut request = request;
    if let Some(map) = request.as_object_mut() {
        map.retain(|_, v| !v.is_null());
        map.insert("format".into(), Format::text_or_json(json).as_str().into());
    }
    let text = isms_core::engine::call(None, op, &request.to_string()).map_err(|e| Failure::input(e.to_string()))?;
    crate::emit(&text)?;
    Ok(0)
}
