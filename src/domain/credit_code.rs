//! The 统一社会信用代码 (unified social credit code, GB 32100-2015) and its check character.

/// The 31 characters the code may use, in the order that gives each its value (I, O, S, V, Z are
/// left out so they cannot be confused with 1, 0, 5, U and 2).
const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights of positions 1–17: 3^(i) mod 31, as the standard lists them.
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Why a credit code was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CreditCodeError {
    #[error("length {0}, 18 characters expected")]
    Length(usize),
    #[error("character {0:?} at position {1} is not allowed")]
    Character(char, usize),
    #[error("check character should be {expected}, found {found}")]
    CheckDigit { expected: char, found: char },
}

fn value_of(c: char) -> Option<u32> {
    ALPHABET.find(c).map(|i| i as u32)
}

/// Upper-cases and trims a typed code, then checks its length, alphabet and check character.
/// Returns the normalised code.
pub fn validate(input: &str) -> Result<String, CreditCodeError> {
    let code: String = input
        .trim()
        .chars()
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let chars: Vec<char> = code.chars().collect();
    if chars.len() != 18 {
        return Err(CreditCodeError::Length(chars.len()));
    }
    let mut sum = 0u32;
    for (i, &c) in chars.iter().enumerate().take(17) {
        let v = value_of(c).ok_or(CreditCodeError::Character(c, i + 1))?;
        sum += v * WEIGHTS[i];
    }
    let check = (31 - sum % 31) % 31;
    let expected = ALPHABET.chars().nth(check as usize).unwrap_or('0');
    let found = chars[17];
    if value_of(found).is_none() {
        return Err(CreditCodeError::Character(found, 18));
    }
    if found != expected {
        return Err(CreditCodeError::CheckDigit { expected, found });
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_codes() {
        // Published codes of well-known companies.
        for code in [
            "91110000100003495Y",
            "91310000132149237G",
            "914403001922038216",
        ] {
            assert_eq!(validate(code).as_deref(), Ok(code), "{code}");
        }
        assert_eq!(
            validate(" 91110000100003495y ").as_deref(),
            Ok("91110000100003495Y")
        );
    }

    #[test]
    fn refuses_bad_codes() {
        assert_eq!(
            validate("9111000010000349"),
            Err(CreditCodeError::Length(16))
        );
        assert!(matches!(
            validate("91110000100003495X"),
            Err(CreditCodeError::CheckDigit { expected: 'Y', .. })
        ));
        assert!(matches!(
            validate("9111000010000349IY"),
            Err(CreditCodeError::Character('I', 17))
        ));
    }
}
