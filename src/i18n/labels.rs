//! The names of the domain's enums (stages, capital types, ownership, team kinds, date fields)
//! as keys of the one table.

use super::{Lang, T};
use crate::domain::activity::{ActivityStatus, ActivityType, Review};
use crate::domain::chain::{LinkStatus, Segment};
use crate::domain::money::Currency;
use crate::domain::region::EconomicRegion;
use crate::domain::target::Period;
use crate::domain::{CapitalType, Ownership, Stage, TeamKind, Tiers, tier::TierBand};
use crate::store::DateField;

impl Lang {
    /// 上游 / 中游 / 下游.
    pub fn segment_label(self, segment: Segment) -> &'static str {
        self.t(match segment {
            Segment::Upstream => T::SegmentUpstream,
            Segment::Midstream => T::SegmentMidstream,
            Segment::Downstream => T::SegmentDownstream,
        })
    }

    /// 已有 / 在谈 / 缺链.
    pub fn link_status_label(self, status: LinkStatus) -> &'static str {
        self.t(match status {
            LinkStatus::Present => T::LinkPresent,
            LinkStatus::Negotiating => T::LinkNegotiating,
            LinkStatus::Missing => T::LinkMissing,
        })
    }

    /// A language's own name for itself, the same in either UI (the way language menus read).
    pub fn name(self) -> &'static str {
        match self {
            Lang::Zh => "中文",
            Lang::En => "English",
        }
    }

    /// A target company's contact status (招商目标企业库).
    pub fn contact_label(
        self,
        status: crate::domain::target_company::ContactStatus,
    ) -> &'static str {
        use crate::domain::target_company::ContactStatus as S;
        self.t(match status {
            S::NotContacted => T::CoStatusNotContacted,
            S::Contacted => T::CoStatusContacted,
            S::Interested => T::CoStatusInterested,
            S::ProjectMade => T::CoStatusProject,
        })
    }

    /// Region names live in the region data table (`domain::region`), one column a language.
    pub fn region_label(self, region: EconomicRegion) -> &'static str {
        match self {
            Lang::Zh => region.name_zh(),
            Lang::En => region.name_en(),
        }
    }

    /// Tier bands carry their own words, set in Settings (档次), one for each language.
    pub fn tier_label(self, tiers: &Tiers, band: TierBand) -> String {
        match self {
            Lang::Zh => tiers.label_zh(band),
            Lang::En => tiers.label_en(band),
        }
    }

    /// A currency as the user's language writes it after an amount: 美元 in Chinese (the word
    /// the importer also reads), its ISO code in English.
    pub fn currency_unit(self, currency: Currency) -> &'static str {
        match self {
            Lang::Zh => currency.unit_zh(),
            Lang::En => currency.code(),
        }
    }

    /// A target's period (2026年, 2026年第3季度 …), as the period names itself.
    pub fn period_label(self, period: &Period) -> String {
        match self {
            Lang::Zh => period.label_zh(),
            Lang::En => period.label_en(),
        }
    }

    /// An activity type's name: the setting gives one for each language.
    pub fn activity_type_name(self, t: &ActivityType) -> &str {
        match self {
            Lang::Zh => &t.name_zh,
            Lang::En => &t.name_en,
        }
    }

    pub fn activity_review_label(self, review: Review) -> &'static str {
        self.t(match review {
            Review::None => T::ActReviewNone,
            Review::Approved => T::ActReviewApproved,
            Review::Returned => T::ActReviewReturned,
        })
    }

    pub fn activity_status_label(self, status: ActivityStatus) -> &'static str {
        self.t(match status {
            ActivityStatus::Planned => T::ActStatusPlanned,
            ActivityStatus::Done => T::ActStatusDone,
            ActivityStatus::Cancelled => T::ActStatusCancelled,
        })
    }

    /// A ledger field's name, as the import's column mapping lists it.
    pub fn field_label(self, field: crate::io::Field) -> &'static str {
        match self {
            Lang::Zh => field.label_zh(),
            Lang::En => field.label_en(),
        }
    }

    pub fn date_field_label(self, field: DateField) -> &'static str {
        self.t(match field {
            DateField::Signed => T::BySignedDate,
            DateField::Construction => T::ByConstructionDate,
            DateField::Production => T::ByProductionDate,
            DateField::Updated => T::ByUpdatedDate,
            DateField::Lead => T::ByLeadDate,
            DateField::Negotiating => T::ByNegotiatingDate,
        })
    }

    pub fn capital_label(self, c: CapitalType) -> &'static str {
        self.t(match c {
            CapitalType::Domestic => T::CapitalDomestic,
            CapitalType::Foreign => T::CapitalForeign,
            CapitalType::HongKongMacauTaiwan => T::CapitalHkMacauTaiwan,
        })
    }

    pub fn ownership_label(self, o: Ownership) -> &'static str {
        self.t(match o {
            Ownership::CentralSoe => T::OwnershipCentralSoe,
            Ownership::LocalSoe => T::OwnershipLocalSoe,
            Ownership::Private => T::OwnershipPrivate,
            Ownership::ForeignOwned => T::OwnershipForeign,
        })
    }

    pub fn team_kind_label(self, kind: TeamKind) -> &'static str {
        self.t(match kind {
            TeamKind::IndustryBureau => T::TeamKindBureau,
            TeamKind::Group => T::TeamKindGroup,
            TeamKind::RemoteOffice => T::TeamKindRemoteOffice,
            TeamKind::Squad => T::TeamKindSquad,
        })
    }
}

pub fn stage_label(lang: Lang, stage: Stage) -> &'static str {
    lang.t(match stage {
        Stage::Lead => T::StageLead,
        Stage::Negotiating => T::StageNegotiating,
        Stage::Signed => T::StageSigned,
        Stage::Construction => T::StageConstruction,
        Stage::Production => T::StageProduction,
        Stage::OnHold => T::StageOnHold,
        Stage::Dropped => T::StageDropped,
    })
}
