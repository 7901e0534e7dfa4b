//! An update: a row's non-empty cells copied over the project it matches.

use super::super::header::Field;
use super::ImportRow;
use super::parse::date_stage;
use crate::domain::Project;

/// `existing` with the row's non-empty fields copied over it (an update keeps the rest).
pub fn merge(existing: &Project, row: &ImportRow) -> Project {
    let mut p = existing.clone();
    let src = &row.project();
    for field in &row.present {
        match field {
            Field::Name => p.name = src.name.clone(),
            Field::Company => p.company = src.company.clone(),
            Field::CreditCode => p.credit_code = src.credit_code.clone(),
            Field::Industry => p.industry = src.industry.clone(),
            Field::ChainLink => p.chain_link = src.chain_link.clone(),
            Field::Investment | Field::OriginalAmount => p.investment = src.investment,
            // The currency arrives with the amount; alone it changes nothing.
            Field::Currency => {}
            Field::Origin => p.origin = src.origin.clone(),
            Field::CapitalType => p.capital_type = src.capital_type,
            Field::Ownership => p.ownership = src.ownership,
            Field::Headquarters => p.is_headquarters = src.is_headquarters,
            Field::Stage => p.stage = src.stage,
            Field::NextStepDue => p.next_step_due = src.next_step_due,
            f if date_stage(*f).is_some() => {
                if let Some(stage) = date_stage(*f) {
                    p.set_stage_date(stage, src.stage_date(stage));
                    // Without a stage column the stage follows the dates, as for a new row.
                    if !row.present.contains(&Field::Stage) && src.stage > p.stage {
                        p.stage = src.stage;
                    }
                }
            }
            Field::Team => p.team_id = src.team_id,
            Field::Officer => {
                p.officer_id = src.officer_id;
                if src.team_id.is_some() {
                    p.team_id = src.team_id;
                }
            }
            Field::Land => p.land_centi_mu = src.land_centi_mu,
            Field::AnnualOutput => p.annual_output_cny = src.annual_output_cny,
            Field::AnnualTax => p.annual_tax_cny = src.annual_tax_cny,
            Field::Jobs => p.jobs = src.jobs,
            Field::NextStep => p.next_step = src.next_step.clone(),
            Field::Notes => p.notes = src.notes.clone(),
            Field::Tags => p.tags = src.tags.clone(),
            _ => {}
        }
    }
    p
}
