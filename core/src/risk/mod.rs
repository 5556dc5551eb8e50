//! Qualitative risk assessment: methodology, levels, register and treatment
//! plan (ISO/IEC 27001:2022 6.1.2, 6.1.3, 8.2, 8.3; ISO/IEC 27005:2022).
//!
//! The document records ratings and decisions; this module derives levels,
//! ranks and verdicts from them. It does not hold the quantitative (Open FAIR)
//! model, which is in [`crate::quant`].
pub mod assess;
pub mod heatmap;
pub mod methodology;
pub mod plan;
pub mod register;

pub use assess::{AppliedApproach, AssessedRisk, Assessment, ConsequenceSource, LevelResult, assess};
pub use heatmap::{HeatMap, heatmap, heatmap_svg};
pub use methodology::{MAX_RISK_LEVELS, MAX_SCALE_STEPS, ResolvedMethodology, preset, resolve};
pub use plan::{TreatmentPlan, treatment_plan};
pub use register::{Register, RegisterRow, register};
