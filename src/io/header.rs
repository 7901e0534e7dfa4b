//! Finding the header row of a ledger (below any title lines) and what each column holds:
//! the usual Chinese and English names of every field, and a unit written in the header.

use super::sheet::{CellRef, Grid};
use crate::domain::Currency;
use crate::domain::money::{WAN, YI};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Company,
    CreditCode,
    Industry,
    ChainLink,
    Investment,
    Currency,
    /// A foreign project's amount in its own currency (the 币种 column's), beside a 总投资
    /// in CNY.
    OriginalAmount,
    Origin,
    CapitalType,
    Ownership,
    Headquarters,
    Stage,
    LeadDate,
    NegotiatingDate,
    SignedDate,
    ConstructionDate,
    ProductionDate,
    OnHoldDate,
    DroppedDate,
    Team,
    Officer,
    Land,
    AnnualOutput,
    AnnualTax,
    Jobs,
    NextStep,
    NextStepDue,
    Notes,
    Tags,
    /// Figures the app derives (序号, 折合人民币, 量级): read past without asking.
    Derived,
}

impl Field {
    /// Every field a user may map a column to, in the order the mapping list shows them.
    pub const ALL: [Field; 30] = [
        Field::Name,
        Field::Company,
        Field::CreditCode,
        Field::Industry,
        Field::ChainLink,
        Field::Investment,
        Field::Currency,
        Field::OriginalAmount,
        Field::Origin,
        Field::CapitalType,
        Field::Ownership,
        Field::Headquarters,
        Field::Stage,
        Field::LeadDate,
        Field::NegotiatingDate,
        Field::SignedDate,
        Field::ConstructionDate,
        Field::ProductionDate,
        Field::OnHoldDate,
        Field::DroppedDate,
        Field::Team,
        Field::Officer,
        Field::Land,
        Field::AnnualOutput,
        Field::AnnualTax,
        Field::Jobs,
        Field::NextStep,
        Field::NextStepDue,
        Field::Notes,
        Field::Tags,
    ];

    /// Stable code, used to remember a mapping in the settings table.
    pub fn code(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Company => "company",
            Field::CreditCode => "credit_code",
            Field::Industry => "industry",
            Field::ChainLink => "chain_link",
            Field::Investment => "investment",
            Field::Currency => "currency",
            Field::OriginalAmount => "original_amount",
            Field::Origin => "origin",
            Field::CapitalType => "capital_type",
            Field::Ownership => "ownership",
            Field::Headquarters => "headquarters",
            Field::Stage => "stage",
            Field::LeadDate => "lead_date",
            Field::NegotiatingDate => "negotiating_date",
            Field::SignedDate => "signed_date",
            Field::ConstructionDate => "construction_date",
            Field::ProductionDate => "production_date",
            Field::OnHoldDate => "on_hold_date",
            Field::DroppedDate => "dropped_date",
            Field::Team => "team",
            Field::Officer => "officer",
            Field::Land => "land",
            Field::AnnualOutput => "annual_output",
            Field::AnnualTax => "annual_tax",
            Field::Jobs => "jobs",
            Field::NextStep => "next_step",
            Field::NextStepDue => "next_step_due",
            Field::Notes => "notes",
            Field::Tags => "tags",
            Field::Derived => "derived",
        }
    }

    pub fn from_code(code: &str) -> Option<Field> {
        Field::ALL
            .into_iter()
            .chain([Field::Derived])
            .find(|f| f.code() == code)
    }

    /// The header the exporter writes, and the name the mapping step shows.
    pub fn label_zh(self) -> &'static str {
        self.names()[0]
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Field::Name => "Project",
            Field::Company => "Investor",
            Field::CreditCode => "Credit code",
            Field::Industry => "Industry",
            Field::ChainLink => "Chain link",
            Field::Investment => "Investment",
            Field::Currency => "Currency",
            Field::OriginalAmount => "Amount in its currency",
            Field::Origin => "Origin",
            Field::CapitalType => "Capital",
            Field::Ownership => "Ownership",
            Field::Headquarters => "Headquarters",
            Field::Stage => "Stage",
            Field::LeadDate => "Lead date",
            Field::NegotiatingDate => "Negotiation date",
            Field::SignedDate => "Signing date",
            Field::ConstructionDate => "Construction date",
            Field::ProductionDate => "Production date",
            Field::OnHoldDate => "On-hold date",
            Field::DroppedDate => "Dropped date",
            Field::Team => "Team",
            Field::Officer => "Officer",
            Field::Land => "Land (mu)",
            Field::AnnualOutput => "Annual output",
            Field::AnnualTax => "Annual tax",
            Field::Jobs => "Jobs",
            Field::NextStep => "Next step",
            Field::NextStepDue => "Next step due",
            Field::Notes => "Notes",
            Field::Tags => "Tags",
            Field::Derived => "(derived)",
        }
    }

    /// Header words for the field after normalising (see [`normalize_header`]); the first is
    /// what the exporter writes.
    fn names(self) -> &'static [&'static str] {
        NAMES[self as usize]
    }

    /// True for fields whose cells are amounts that may carry a unit.
    pub fn is_amount(self) -> bool {
        matches!(
            self,
            Field::Investment | Field::OriginalAmount | Field::AnnualOutput | Field::AnnualTax
        )
    }
}

/// Header words per field after normalising (see [`normalize_header`]), in the order the
/// fields are declared (so [`Field::names`] indexes it); the first is what the exporter writes.
const NAMES: [&[&str]; 31] = [
    // Name
    &[
        "项目名称",
        "项目",
        "名称",
        "项目名",
        "project",
        "projectname",
        "name",
    ],
    // Company
    &[
        "投资主体",
        "签约企业",
        "投资方",
        "企业名称",
        "投资企业",
        "签约主体",
        "投资主体名称",
        "企业",
        "公司名称",
        "investor",
        "company",
    ],
    // CreditCode
    &[
        "统一社会信用代码",
        "信用代码",
        "社会信用代码",
        "creditcode",
        "uscc",
    ],
    // Industry
    &[
        "所属产业",
        "产业类别",
        "行业",
        "产业",
        "所属行业",
        "产业分类",
        "行业类别",
        "产业领域",
        "industry",
    ],
    // ChainLink
    &["产业链环节", "环节", "产业链", "chainlink"],
    // Investment
    &[
        "总投资",
        "计划总投资",
        "投资额",
        "协议投资",
        "协议投资额",
        "投资总额",
        "总投资额",
        "协议总投资",
        "签约金额",
        "investment",
        "totalinvestment",
        "amount",
    ],
    // Currency
    &["币种", "货币", "currency"],
    // OriginalAmount
    &[
        "原币金额",
        "原币投资额",
        "原币总投资",
        "外币金额",
        "originalamount",
    ],
    // Origin
    &[
        "来源地",
        "项目来源",
        "客商来源地",
        "来源",
        "投资方来源地",
        "企业来源地",
        "origin",
    ],
    // CapitalType
    &["内外资", "资本类型", "资金类型", "capital", "capitaltype"],
    // Ownership
    &["企业性质", "企业类型", "所有制", "ownership"],
    // Headquarters
    &["总部项目", "是否总部项目", "是否总部", "headquarters"],
    // Stage
    &[
        "项目进展",
        "当前状态",
        "阶段",
        "项目阶段",
        "进展情况",
        "项目状态",
        "状态",
        "进展",
        "推进情况",
        "stage",
        "status",
    ],
    // LeadDate
    &["线索日期", "获取线索日期", "线索时间", "leaddate"],
    // NegotiatingDate
    &[
        "在谈日期",
        "洽谈日期",
        "洽谈时间",
        "对接日期",
        "negotiationdate",
    ],
    // SignedDate
    &[
        "签约日期",
        "签约时间",
        "签约日",
        "协议签订日期",
        "signed",
        "signingdate",
        "signeddate",
    ],
    // ConstructionDate
    &[
        "开工日期",
        "开工时间",
        "开工",
        "constructiondate",
        "startdate",
    ],
    // ProductionDate
    &[
        "投产日期",
        "投产时间",
        "竣工投产日期",
        "竣工日期",
        "productiondate",
    ],
    // OnHoldDate
    &["搁置日期", "onholddate"],
    // DroppedDate
    &["终止日期", "droppeddate"],
    // Team
    &[
        "招商队伍",
        "责任单位",
        "责任部门",
        "招商小组",
        "责任科室",
        "招商单位",
        "牵头单位",
        "team",
    ],
    // Officer
    &[
        "负责人",
        "责任人",
        "招商人员",
        "项目负责人",
        "跟进人",
        "officer",
    ],
    // Land
    &["用地", "用地面积", "占地面积", "用地规模", "land", "landmu"],
    // AnnualOutput
    &["预计年产值", "年产值", "达产产值", "annualoutput"],
    // AnnualTax
    &["预计年税收", "年税收", "达产税收", "annualtax"],
    // Jobs
    &["就业岗位", "新增就业", "就业人数", "jobs"],
    // NextStep
    &["下一步", "下一步工作", "下步工作", "nextstep"],
    // NextStepDue
    &["下一步截止", "截止日期", "nextstepdue", "due"],
    // Notes
    &["备注", "说明", "notes", "remarks", "remark"],
    // Tags
    &["标签", "tags"],
    // Derived
    &[
        "序号",
        "编号",
        "no",
        "no.",
        "折合人民币",
        "折合",
        "量级",
        "经济区",
        "cny",
    ],
];

/// The unit a header names: `总投资(亿元)` → 亿 and CNY; `投资额（万美元）` → 万 and USD.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    pub scale: i64,
    pub currency: Option<Currency>,
}

/// One column of the file as understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The header as written.
    pub header: String,
    /// What it holds; `None` until the user maps it (then it may stay ignored).
    pub field: Option<Field>,
    pub unit: Option<Unit>,
}

/// Where the header is and what every column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// Grid row of the header (0-based).
    pub header_row: usize,
    pub columns: Vec<Column>,
    /// A unit from a title line such as "单位：万元", for amount columns without one.
    pub sheet_unit: Option<Unit>,
    /// Where that unit was found, so the preview can say which line it came from.
    pub sheet_unit_source: Option<UnitSource>,
}

/// The cell above the header that gave the sheet's unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitSource {
    /// Grid row and column (0-based).
    pub row: usize,
    pub col: usize,
    /// The unit as written there: "亿元", "万美元".
    pub word: String,
    pub unit: Unit,
}

impl Layout {
    /// The column holding `field`, if any (the first one).
    pub fn column_of(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|c| c.field == Some(field))
    }

    /// Columns with a header that are not recognised: the mapping step asks about these.
    pub fn unmapped(&self) -> impl Iterator<Item = (usize, &Column)> {
        self.columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.field.is_none() && !c.header.trim().is_empty())
    }

    /// The key under which a mapping for this set of headers is remembered.
    pub fn mapping_key(&self) -> String {
        let normalized: Vec<String> = self
            .columns
            .iter()
            .map(|c| normalize_header(&c.header).0)
            .collect();
        format!(
            "import_mapping:{:016x}",
            fnv1a(normalized.join("\u{1f}").as_bytes())
        )
    }

    /// The mapping as stored: one field code per column ("" for ignored).
    pub fn mapping_value(&self) -> String {
        let codes: Vec<&str> = self
            .columns
            .iter()
            .map(|c| c.field.map(Field::code).unwrap_or(""))
            .collect();
        serde_json::to_string(&codes).unwrap_or_default()
    }

    /// Applies a remembered mapping; ignored if it does not fit these columns.
    pub fn apply_mapping(&mut self, value: &str) -> bool {
        let Ok(codes) = serde_json::from_str::<Vec<String>>(value) else {
            return false;
        };
        if codes.len() != self.columns.len() {
            return false;
        }
        for (column, code) in self.columns.iter_mut().zip(codes) {
            column.field = Field::from_code(&code);
        }
        true
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= *b as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// A header without spaces, stars, line breaks and its unit: `"总投资\n（亿元）*"` →
/// (`"总投资"`, `Some("亿元")`). English is lower-cased.
pub fn normalize_header(text: &str) -> (String, Option<String>) {
    let mut cleaned: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '＊' | ':' | '：' | '_' | '-'))
        .map(|c| match c {
            '（' | '【' | '[' => '(',
            '）' | '】' | ']' => ')',
            other => other.to_ascii_lowercase(),
        })
        .collect();
    let mut unit = None;
    if let Some(open) = cleaned.find('(') {
        let inner = cleaned[open + 1..].trim_end_matches(')').to_string();
        cleaned.truncate(open);
        unit = Some(inner.replace("单位", ""));
    } else {
        // 总投资亿元, 总投资万元: a unit written straight after the name.
        for suffix in [
            "万美元",
            "亿美元",
            "万欧元",
            "亿欧元",
            "亿元",
            "万元",
            "万",
            "亿",
            "元",
            "亩",
        ] {
            if cleaned.len() > suffix.len()
                && let Some(stripped) = cleaned.strip_suffix(suffix)
            {
                unit = Some(suffix.to_string());
                cleaned = stripped.to_string();
                break;
            }
        }
    }
    (cleaned, unit)
}

/// `亿元` → 亿 CNY, `万美元` → 万 USD, `元` → 1 CNY; `None` if it is not a money unit.
pub fn parse_unit(text: &str) -> Option<Unit> {
    let text = text.trim();
    let (scale, rest) = if let Some(r) = text.strip_prefix("亿") {
        (YI, r)
    } else if let Some(r) = text.strip_prefix("千万") {
        (10_000_000, r)
    } else if let Some(r) = text.strip_prefix("百万") {
        (1_000_000, r)
    } else if let Some(r) = text.strip_prefix("万") {
        (WAN, r)
    } else {
        (1, text)
    };
    let currency = match rest {
        "" if scale > 1 => None,
        "元" | "人民币" | "人民币元" | "rmb" | "cny" => Some(Currency::Cny),
        "美元" | "美金" | "usd" => Some(Currency::Usd),
        "欧元" | "eur" => Some(Currency::Eur),
        "港元" | "港币" | "hkd" => Some(Currency::Hkd),
        "日元" | "jpy" => Some(Currency::Jpy),
        "英镑" | "gbp" => Some(Currency::Gbp),
        _ => return None,
    };
    Some(Unit { scale, currency })
}

/// The field a header names, if it is one of the usual names.
pub fn recognise(header: &str) -> Option<Field> {
    let (name, _) = normalize_header(header);
    if name.is_empty() {
        return None;
    }
    Field::ALL
        .into_iter()
        .chain([Field::Derived])
        .find(|f| f.names().contains(&name.as_str()))
}

/// Rows searched for the header.
const HEADER_SEARCH_ROWS: usize = 30;

/// Finds the header: the row among the first few with the most recognised names (at least
/// two, one of them the project's name or its investor).
pub fn find_layout(grid: &Grid) -> Option<Layout> {
    let width = grid.width();
    let mut best: Option<(usize, usize)> = None;
    for row in 0..grid.height().min(HEADER_SEARCH_ROWS) {
        let fields: Vec<Field> = (0..width)
            .filter_map(|col| match grid.cell(row, col) {
                CellRef::Text(t) => recognise(t),
                _ => None,
            })
            .collect();
        let has_key = fields.contains(&Field::Name) || fields.contains(&Field::Company);
        let score = fields.iter().filter(|f| **f != Field::Derived).count();
        if has_key && score >= 2 && best.is_none_or(|(_, s)| score > s) {
            best = Some((row, score));
        }
    }
    let (header_row, _) = best?;
    let mut columns = Vec::with_capacity(width);
    let mut seen = std::collections::HashSet::new();
    for col in 0..width {
        let header = grid.cell(header_row, col).to_text();
        let (_, unit_text) = normalize_header(&header);
        let mut field = recognise(&header);
        // A second column with the same field (two 备注 columns) is left for the user to map.
        if let Some(f) = field
            && f != Field::Derived
            && !seen.insert(f)
        {
            field = None;
        }
        let unit = unit_text.as_deref().and_then(parse_unit);
        columns.push(Column {
            header,
            field,
            unit,
        });
    }
    // A title line such as "单位：万元" above the header sets the unit of bare amounts.
    let sheet_unit_source = super::title_unit::title_unit(grid, header_row);
    Some(Layout {
        header_row,
        columns,
        sheet_unit: sheet_unit_source.as_ref().map(|s| s.unit),
        sheet_unit_source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_with_units_and_variants_are_recognised() {
        assert_eq!(recognise("总投资（亿元）"), Some(Field::Investment));
        assert_eq!(recognise("计划总投资\n(万元)"), Some(Field::Investment));
        assert_eq!(recognise("签约企业"), Some(Field::Company));
        assert_eq!(recognise("客商来源地"), Some(Field::Origin));
        assert_eq!(recognise("Project Name"), Some(Field::Name));
        assert_eq!(recognise("* 项目名称"), Some(Field::Name));
        assert_eq!(recognise("联系电话"), None);
        for (field, label) in [
            (Field::Name, "项目名称"),
            (Field::OriginalAmount, "原币金额"),
            (Field::Origin, "来源地"),
            (Field::Jobs, "就业岗位"),
            (Field::Tags, "标签"),
            (Field::Derived, "序号"),
        ] {
            assert_eq!(field.label_zh(), label);
        }
        assert_eq!(
            normalize_header("总投资(万美元)").1.as_deref(),
            Some("万美元")
        );
        assert_eq!(
            parse_unit("万美元"),
            Some(Unit {
                scale: WAN,
                currency: Some(Currency::Usd)
            })
        );
        assert_eq!(parse_unit("亿元").map(|u| u.scale), Some(YI));
        assert_eq!(parse_unit("亩"), None);
    }

    #[test]
    fn the_header_is_found_below_titles() {
        let rows = vec![
            vec!["2025年上半年新签约亿元以上项目台账".to_string()],
            vec![
                "填报日期：2025年7月1日".to_string(),
                String::new(),
                "单位：万元".into(),
            ],
            vec![
                "序号".into(),
                "项目名称".into(),
                "总投资".into(),
                "联系电话".into(),
            ],
            vec!["1".into(), "某项目".into(), "3000".into(), "138".into()],
        ];
        let layout = find_layout(&Grid::from_rows(rows)).unwrap();
        assert_eq!(layout.header_row, 2);
        assert_eq!(layout.columns[1].field, Some(Field::Name));
        assert_eq!(layout.columns[0].field, Some(Field::Derived));
        assert_eq!(layout.unmapped().count(), 1);
        assert_eq!(layout.sheet_unit.map(|u| u.scale), Some(WAN));
    }
}
