//! Exact money: whole units of a currency as integers, typed amounts (378.6亿, 3000万欧元), and
//! CNY equivalents from a dated rate table. No `f64` touches a stored amount or a sum.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// 1 亿 = 10⁸ units; the unit most reports speak in.
pub const YI: i64 = 100_000_000;
/// 1 万 = 10⁴ units.
pub const WAN: i64 = 10_000;

/// Currencies an amount may be typed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Currency {
    Cny,
    Usd,
    Eur,
    Hkd,
    Jpy,
    Gbp,
}

impl Currency {
    pub const ALL: [Currency; 6] = [
        Currency::Cny,
        Currency::Usd,
        Currency::Eur,
        Currency::Hkd,
        Currency::Jpy,
        Currency::Gbp,
    ];

    /// ISO 4217 code, also the storage form.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Cny => "CNY",
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
            Currency::Hkd => "HKD",
            Currency::Jpy => "JPY",
            Currency::Gbp => "GBP",
        }
    }

    pub fn from_code(code: &str) -> Option<Currency> {
        Currency::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The word that follows 万/亿 in Chinese: 元, 美元, 欧元 …
    pub fn unit_zh(self) -> &'static str {
        match self {
            Currency::Cny => "元",
            Currency::Usd => "美元",
            Currency::Eur => "欧元",
            Currency::Hkd => "港元",
            Currency::Jpy => "日元",
            Currency::Gbp => "英镑",
        }
    }

    /// Words officers write for the currency, longest first so 人民币元 wins over 元.
    fn words(self) -> &'static [&'static str] {
        match self {
            Currency::Cny => &["人民币元", "人民币", "元", "RMB", "CNY"],
            Currency::Usd => &["美金", "美元", "USD", "US$"],
            Currency::Eur => &["欧元", "EUR", "€"],
            Currency::Hkd => &["港元", "港币", "HKD", "HK$"],
            Currency::Jpy => &["日元", "JPY", "円"],
            Currency::Gbp => &["英镑", "GBP", "£"],
        }
    }
}

/// An exact amount: whole units of one currency (yuan, dollars …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    pub units: i64,
    pub currency: Currency,
}

impl Money {
    pub fn cny(units: i64) -> Money {
        Money {
            units,
            currency: Currency::Cny,
        }
    }

    /// Shown the way reports write it: 378.6亿元, 3000万欧元, 8500元.
    pub fn display_zh(&self) -> String {
        format!("{}{}", scaled_zh(self.units), self.currency.unit_zh())
    }
}

/// 12_3456_0000 → "12.3456亿", 3000_0000 → "3000万", 8500 → "8500" — exact, trailing zeros cut.
pub fn scaled_zh(units: i64) -> String {
    let abs = units.unsigned_abs();
    let sign = if units < 0 { "-" } else { "" };
    let (scale, suffix) = if abs >= YI as u64 {
        (YI as u64, "亿")
    } else if abs >= WAN as u64 {
        (WAN as u64, "万")
    } else {
        (1, "")
    };
    format!("{sign}{}{suffix}", exact_decimal(abs, scale))
}

/// `value / scale` written exactly, with no trailing zeros.
fn exact_decimal(value: u64, scale: u64) -> String {
    let whole = value / scale;
    let frac = value % scale;
    if frac == 0 {
        return whole.to_string();
    }
    let width = scale.ilog10() as usize;
    let digits = format!("{frac:0width$}");
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

/// An amount in 亿, rounded half away from zero to `decimals` places, for display only.
pub fn yi_rounded(units: i64, decimals: u32) -> String {
    let scale = 10i128.pow(decimals);
    let scaled = round_div(units as i128 * scale, YI as i128);
    let sign = if scaled < 0 { "-" } else { "" };
    let abs = scaled.unsigned_abs();
    if decimals == 0 {
        return format!("{sign}{abs}");
    }
    let scale = scale as u128;
    format!(
        "{sign}{}.{:0width$}",
        abs / scale,
        abs % scale,
        width = decimals as usize
    )
}

/// Integer division rounded half away from zero.
pub fn round_div(numerator: i128, denominator: i128) -> i128 {
    debug_assert!(denominator != 0);
    let q = numerator / denominator;
    let r = numerator % denominator;
    if 2 * r.abs() >= denominator.abs() {
        q + numerator.signum() * denominator.signum()
    } else {
        q
    }
}

/// `part / whole` as a percentage rounded half away from zero to one decimal, or `None` when
/// `whole` is zero (callers say "no base" rather than divide by zero).
pub fn percent_1dp(part: i64, whole: i64) -> Option<String> {
    if whole == 0 {
        return None;
    }
    let tenths = round_div(part as i128 * 1000, whole as i128);
    let sign = if tenths < 0 { "-" } else { "" };
    let abs = tenths.unsigned_abs();
    Some(format!("{sign}{}.{}%", abs / 10, abs % 10))
}

/// Why a typed amount was refused. Messages are shown through the translation table.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("empty")]
    Empty,
    #[error("not a number: {0}")]
    NotANumber(String),
    #[error("negative")]
    Negative,
    #[error("finer than one unit")]
    FractionalUnit,
    #[error("too large")]
    TooLarge,
}

/// Scale words that may follow the number.
const SCALES: [(&str, i64); 5] = [
    ("千万", 10_000_000),
    ("百万", 1_000_000),
    ("亿", YI),
    ("万", WAN),
    ("千", 1_000),
];

/// A typed amount, with what was inferred from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedAmount {
    pub money: Money,
    /// A qualifier such as 约 (about) or 超 (over) was present: the figure is not exact.
    pub approximate: bool,
}

/// Parses what an officer types: `378.6亿`, `3000万欧元`, `1.2亿美元`, `8,000万`, `５０００万元`,
/// `约20亿`. `default_scale` applies when no 亿/万 is written (the editor's unit selector, or the
/// unit in a spreadsheet header); `default_currency` when no currency is written.
pub fn parse_amount(
    text: &str,
    default_scale: i64,
    default_currency: Currency,
) -> Result<ParsedAmount, AmountError> {
    let normalized: String = text
        .chars()
        .map(fullwidth_to_ascii)
        .filter(|c| !c.is_whitespace() && *c != ',' && *c != '，')
        .collect();
    if normalized.is_empty() {
        return Err(AmountError::Empty);
    }
    let mut rest = normalized.as_str();
    let mut approximate = false;
    for q in ["约", "近", "超过", "超", "逾", "大约", "不低于", "不少于"] {
        if let Some(r) = rest.strip_prefix(q) {
            rest = r;
            approximate = true;
            break;
        }
    }
    if let Some(r) = rest
        .strip_suffix("以上")
        .or_else(|| rest.strip_suffix("左右"))
    {
        rest = r;
        approximate = true;
    }
    let num_end = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == '-' || *c == '+'))
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    let (number, mut unit) = rest.split_at(num_end);
    if number.is_empty() {
        return Err(AmountError::NotANumber(text.trim().to_string()));
    }
    // Currency words may stand before the number too (USD 12万).
    let mut currency = None;
    let mut scale = None;
    for (word, s) in SCALES {
        if let Some(r) = unit.strip_prefix(word) {
            scale = Some(s);
            unit = r;
            break;
        }
    }
    if !unit.is_empty() {
        let found = Currency::ALL
            .into_iter()
            .find(|c| c.words().iter().any(|w| unit.eq_ignore_ascii_case(w)));
        match found {
            Some(c) => currency = Some(c),
            None => return Err(AmountError::NotANumber(text.trim().to_string())),
        }
    }
    let scale = scale.unwrap_or(default_scale);
    let units = decimal_times(number, scale).ok_or_else(|| {
        if number.starts_with('-') {
            AmountError::Negative
        } else {
            AmountError::NotANumber(text.trim().to_string())
        }
    })?;
    let units = units?;
    Ok(ParsedAmount {
        money: Money {
            units,
            currency: currency.unwrap_or(default_currency),
        },
        approximate,
    })
}

/// `"1.25" × 10⁸` exactly. `None` for text that is not a plain non-negative decimal.
fn decimal_times(number: &str, scale: i64) -> Option<Result<i64, AmountError>> {
    let number = number.strip_prefix('+').unwrap_or(number);
    if number.starts_with('-') {
        return None;
    }
    let (whole, frac) = match number.split_once('.') {
        Some((w, f)) => (w, f),
        None => (number, ""),
    };
    if whole.is_empty() && frac.is_empty() {
        return None;
    }
    if !whole.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let frac = frac.trim_end_matches('0');
    let digits = format!("{whole}{frac}");
    let value: i128 = if digits.is_empty() {
        0
    } else {
        match digits.parse::<i128>() {
            Ok(v) => v,
            Err(_) => return Some(Err(AmountError::TooLarge)),
        }
    };
    let divisor = 10i128.checked_pow(frac.len() as u32)?;
    let product = value.checked_mul(scale as i128)?;
    if product % divisor != 0 {
        return Some(Err(AmountError::FractionalUnit));
    }
    Some(i64::try_from(product / divisor).map_err(|_| AmountError::TooLarge))
}

fn fullwidth_to_ascii(c: char) -> char {
    match c {
        '０'..='９' | '．' | '＋' | '－' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        '　' => ' ',
        _ => c,
    }
}

/// One rate: from `date` on, one unit of `currency` is worth `cny_per_unit_micro` / 10⁶ CNY.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rate {
    pub currency: Currency,
    pub effective: NaiveDate,
    pub cny_per_unit_micro: i64,
}

/// The user's dated exchange rates. Conversions use the newest rate in force on the given day,
/// or the oldest known one for days before the table starts (better than no figure at all).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RateTable {
    rates: Vec<Rate>,
}

impl RateTable {
    pub fn new(mut rates: Vec<Rate>) -> RateTable {
        rates.sort_by_key(|r| (r.currency, r.effective));
        RateTable { rates }
    }

    /// Rough 2023–2026 averages, so a new ledger converts before the user edits them.
    pub fn defaults() -> RateTable {
        let day = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap_or_default();
        let rate = |currency, micro| Rate {
            currency,
            effective: day,
            cny_per_unit_micro: micro,
        };
        RateTable::new(vec![
            rate(Currency::Usd, 7_100_000),
            rate(Currency::Eur, 7_700_000),
            rate(Currency::Hkd, 910_000),
            rate(Currency::Jpy, 49_000),
            rate(Currency::Gbp, 8_900_000),
        ])
    }

    pub fn rates(&self) -> &[Rate] {
        &self.rates
    }

    /// The rate in force on `day`, in CNY micro-units per unit.
    pub fn rate_on(&self, currency: Currency, day: NaiveDate) -> Option<i64> {
        if currency == Currency::Cny {
            return Some(1_000_000);
        }
        let of_currency = self.rates.iter().filter(|r| r.currency == currency);
        of_currency
            .clone()
            .rfind(|r| r.effective <= day)
            .or_else(|| of_currency.clone().next())
            .map(|r| r.cny_per_unit_micro)
    }

    /// The CNY equivalent, rounded half away from zero to the yuan.
    pub fn to_cny(&self, money: Money, day: NaiveDate) -> Option<i64> {
        let rate = self.rate_on(money.currency, day)?;
        i64::try_from(round_div(money.units as i128 * rate as i128, 1_000_000)).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cny(text: &str) -> Result<i64, AmountError> {
        parse_amount(text, YI, Currency::Cny).map(|p| p.money.units)
    }

    #[test]
    fn parses_what_officers_type() {
        assert_eq!(cny("378.6"), Ok(37_860_000_000));
        assert_eq!(cny("378.6亿"), Ok(37_860_000_000));
        assert_eq!(cny("8000万"), Ok(80_000_000));
        assert_eq!(cny("8,000万元"), Ok(80_000_000));
        assert_eq!(cny("５０００万元"), Ok(50_000_000));
        assert_eq!(cny("1.23456789亿"), Ok(123_456_789));
        let eur = parse_amount("3000万欧元", YI, Currency::Cny).unwrap();
        assert_eq!(
            eur.money,
            Money {
                units: 30_000_000,
                currency: Currency::Eur
            }
        );
        let usd = parse_amount("约1.2亿美元", YI, Currency::Cny).unwrap();
        assert_eq!(
            usd.money,
            Money {
                units: 120_000_000,
                currency: Currency::Usd
            }
        );
        assert!(usd.approximate);
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        assert_eq!(cny(""), Err(AmountError::Empty));
        assert!(matches!(cny("abc"), Err(AmountError::NotANumber(_))));
        assert!(matches!(cny("12x"), Err(AmountError::NotANumber(_))));
        assert!(matches!(cny("1.2.3"), Err(AmountError::NotANumber(_))));
        assert_eq!(cny("-5"), Err(AmountError::Negative));
        assert_eq!(cny("1.000000001"), Err(AmountError::FractionalUnit));
        assert_eq!(cny("999999999999999"), Err(AmountError::TooLarge));
    }

    #[test]
    fn displays_exactly() {
        assert_eq!(scaled_zh(37_860_000_000), "378.6亿");
        assert_eq!(
            Money {
                units: 30_000_000,
                currency: Currency::Eur
            }
            .display_zh(),
            "3000万欧元"
        );
        assert_eq!(yi_rounded(37_860_000_000, 2), "378.60");
        assert_eq!(yi_rounded(5_000_000, 2), "0.05");
        assert_eq!(yi_rounded(-15_000_000, 1), "-0.2");
        assert_eq!(percent_1dp(3786, 4015), Some("94.3%".to_string()));
        assert_eq!(percent_1dp(1, 8), Some("12.5%".to_string()));
        assert_eq!(percent_1dp(1, 0), None);
    }

    #[test]
    fn converts_with_the_rate_in_force() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let table = RateTable::new(vec![
            Rate {
                currency: Currency::Eur,
                effective: d(2024, 1, 1),
                cny_per_unit_micro: 7_800_000,
            },
            Rate {
                currency: Currency::Eur,
                effective: d(2023, 1, 1),
                cny_per_unit_micro: 7_500_000,
            },
        ]);
        let eur = Money {
            units: 30_000_000,
            currency: Currency::Eur,
        };
        assert_eq!(table.to_cny(eur, d(2023, 6, 1)), Some(225_000_000));
        assert_eq!(table.to_cny(eur, d(2025, 6, 1)), Some(234_000_000));
        assert_eq!(table.to_cny(eur, d(2020, 6, 1)), Some(225_000_000));
        assert_eq!(
            table.to_cny(
                Money {
                    units: 1,
                    currency: Currency::Usd
                },
                d(2023, 1, 1)
            ),
            None
        );
    }
}
