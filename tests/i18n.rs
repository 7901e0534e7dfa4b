//! The translation table read key by key: no text is empty in either language, the Chinese
//! text is Chinese, and the English text is English, except where a short list says why not.

use zhaoshang::i18n::{Lang, Place, T, open_error_text_at, store_error_text};
use zhaoshang::store::StoreError;

/// A Chinese character or Chinese punctuation (、，：（）…). Curly quotes are English too.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'   // CJK symbols and punctuation
        | '\u{3400}'..='\u{4DBF}' // extension A
        | '\u{4E00}'..='\u{9FFF}' // unified ideographs
        | '\u{FF00}'..='\u{FFEF}' // full-width forms
    )
}

fn has_cjk(text: &str) -> bool {
    text.chars().any(is_cjk)
}

/// Chinese texts that need no Chinese character: what stays the same in both languages.
const ZH_WITHOUT_CJK: &[T] = &[];

/// English texts that show Chinese on purpose, and why.
const EN_WITH_CJK: &[(T, &str)] = &[
    (
        T::ErrAmountNotNumber,
        "the examples are what a user may type: 8000万, 3000万欧元",
    ),
    (
        T::ImpIssueNoUnit,
        "names the unit 万元 that ledgers write, beside its meaning",
    ),
];

#[test]
fn every_key_has_a_chinese_and_an_english_text() {
    assert!(
        T::all().count() > 300,
        "the table has {} keys",
        T::all().count()
    );
    let mut problems = Vec::new();
    for key in T::all() {
        let zh = Lang::Zh.t(key);
        let en = Lang::En.t(key);
        if zh.trim().is_empty() {
            problems.push(format!("{key:?}: the Chinese text is empty"));
        }
        if en.trim().is_empty() {
            problems.push(format!("{key:?}: the English text is empty"));
        }
        if !has_cjk(zh) && !ZH_WITHOUT_CJK.contains(&key) {
            problems.push(format!("{key:?}: the Chinese text has no Chinese: {zh:?}"));
        }
        if has_cjk(en) && !EN_WITH_CJK.iter().any(|(k, _)| *k == key) {
            problems.push(format!("{key:?}: the English text has Chinese: {en:?}"));
        }
        if zh == en {
            problems.push(format!("{key:?}: the same text in both languages: {zh:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_allow_lists_name_keys_that_need_them() {
    for key in ZH_WITHOUT_CJK {
        assert!(!has_cjk(Lang::Zh.t(*key)), "{key:?} need not be listed");
    }
    for (key, why) in EN_WITH_CJK {
        assert!(!why.is_empty());
        assert!(has_cjk(Lang::En.t(*key)), "{key:?} need not be listed");
    }
}

/// Each kind of store error in words, in both languages, saying what to do.
#[test]
fn store_errors_are_told_in_words_with_what_to_do() {
    use rusqlite::ffi;
    let sqlite =
        |code: i32| StoreError::Sqlite(rusqlite::Error::SqliteFailure(ffi::Error::new(code), None));
    let cases: Vec<(StoreError, &str, &str)> = vec![
        (sqlite(ffi::SQLITE_BUSY), "稍后再试", "try again"),
        (sqlite(ffi::SQLITE_LOCKED), "其他程序", "another program"),
        (sqlite(ffi::SQLITE_FULL), "磁盘已满", "disk is full"),
        (sqlite(ffi::SQLITE_READONLY), "只读", "read-only"),
        (
            sqlite(ffi::SQLITE_IOERR),
            "读写磁盘出错",
            "could not be read or written",
        ),
        (sqlite(ffi::SQLITE_CORRUPT), "已损坏", "damaged"),
        (StoreError::Damaged("page 7".into()), "备份", "backup"),
        (StoreError::ReadOnly, "只读", "reading only"),
        (
            StoreError::BadValue {
                column: "stage",
                value: "??".into(),
            },
            "无法识别的值",
            "cannot read",
        ),
        (sqlite(ffi::SQLITE_MISMATCH), "数据库出错", "Database error"),
    ];
    for (e, zh, en) in &cases {
        let text_zh = store_error_text(Lang::Zh, e);
        let text_en = store_error_text(Lang::En, e);
        assert!(text_zh.contains(zh), "{e:?}: {text_zh}");
        assert!(text_en.contains(en), "{e:?}: {text_en}");
        assert!(
            !text_zh.contains("database error") && !text_zh.contains("database is"),
            "no English glued into the Chinese: {text_zh}"
        );
        assert!(text_zh.contains("请"), "says what to do: {text_zh}");
    }
}

#[test]
fn a_file_that_cannot_be_opened_is_explained_for_where_the_user_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").unwrap();
    let Err(e) = zhaoshang::store::Store::open(&path) else {
        panic!("an empty file is no ledger");
    };
    let window = open_error_text_at(Lang::Zh, &e, Place::Window);
    let cli = open_error_text_at(Lang::Zh, &e, Place::CommandLine);
    assert!(window.contains("设置"), "{window}");
    assert!(!cli.contains("设置"), "{cli}");
    assert!(cli.contains("--db"), "{cli}");
    assert!(open_error_text_at(Lang::En, &e, Place::CommandLine).contains("--db"));
    assert_eq!(zhaoshang::i18n::open_error_text(Lang::Zh, &e), window);
}

/// A chart or a review pack that could not be written: one language, the reason in words.
#[test]
fn a_chart_or_pack_that_cannot_be_written_is_explained_in_one_language() {
    use zhaoshang::io::charts::ChartError;
    use zhaoshang::io::review::ReviewError;
    let missing = ChartError::Write {
        path: "/没有这个文件夹/a.png".into(),
        source: std::io::Error::from(std::io::ErrorKind::NotFound),
    };
    let zh = missing.text(Lang::Zh);
    assert!(
        zh.contains("文件夹或文件不存在") && zh.contains("换一个文件夹"),
        "{zh}"
    );
    assert!(!zh.contains("Cannot") && !zh.contains("os error"), "{zh}");
    let en = missing.text(Lang::En);
    assert!(en.contains("does not exist"), "{en}");
    assert!(!en.contains("换一个"), "{en}");
    let full = ChartError::Write {
        path: "a.png".into(),
        source: std::io::Error::from(std::io::ErrorKind::StorageFull),
    };
    assert!(full.text(Lang::Zh).contains("磁盘已满"));
    let month = ReviewError::Month(2025, 13);
    assert!(month.text(Lang::Zh).contains("月份无效"));
    assert!(!month.text(Lang::Zh).contains("Invalid"));
    let read = ReviewError::Read(StoreError::ReadOnly);
    assert!(
        read.text(Lang::Zh)
            .starts_with("读取台账失败：台账以只读方式打开")
    );
}
