//! `zhaoshang chain …` with the built binary, as a user at a terminal would run it: the sample
//! chains listed and shown with their 完整度, a chain exported to .xlsx and imported again
//! under another name, a file with bad rows refused whole with each row's reason, and the chain
//! map drawn to PNG and SVG with its Chinese text.

mod common;

use std::path::Path;

use common::{stdout_of_success, zhaoshang};
use rust_xlsxwriter::Workbook;

fn run(db: &Path, args: &[&str]) -> std::process::Output {
    zhaoshang()
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn xlsx(path: &Path, rows: &[[&str; 5]]) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *text).expect("cell");
        }
    }
    book.save(path).expect("save");
}

#[test]
fn the_sample_chains_are_listed_shown_exported_and_imported_again() {
    let dir = tempfile::tempdir().expect("dir");
    let db = common::demo_db(dir.path(), 300);
    // The demo brings the three chains with its projects attached.
    let list = stdout_of_success(&run(&db, &["chain", "list"]));
    assert_eq!(list.lines().count(), 3, "{list}");
    assert!(
        list.contains("新能源汽车（新能源）：25 个环节，完整度 "),
        "{list}"
    );
    let show = stdout_of_success(&run(&db, &["chain", "show", "集成电路"]));
    assert!(show.contains("[上游]") && show.contains("[下游]"), "{show}");
    assert!(show.contains("  半导体设备 ★："), "{show}");
    assert!(show.contains("    光刻设备："), "{show}");
    // Loading the samples again adds nothing: they are there.
    let again = stdout_of_success(&run(&db, &["chain", "samples"]));
    assert!(again.contains("已导入 0 条产业链"), "{again}");

    let out = dir.path().join("ic.xlsx");
    let exported = stdout_of_success(&run(
        &db,
        &[
            "chain",
            "export",
            "集成电路",
            "--out",
            out.to_str().expect("path"),
        ],
    ));
    assert!(exported.contains("22 个环节"), "{exported}");
    // The same file again is refused: the chain is in the ledger.
    let twice = run(&db, &["chain", "import", out.to_str().expect("path")]);
    assert!(!twice.status.success());
    assert!(String::from_utf8_lossy(&twice.stderr).contains("已有名为“集成电路”的产业链"));
    // Into a new ledger it reads back as the same chain.
    let fresh = dir.path().join("fresh.db");
    let imported = stdout_of_success(&run(&fresh, &["chain", "import", out.to_str().expect("p")]));
    assert!(
        imported.contains("已导入 1 条产业链，共 22 个环节"),
        "{imported}"
    );
    let shown = stdout_of_success(&run(&fresh, &["chain", "show", "集成电路"]));
    let links = |text: &str| -> Vec<String> {
        (text.lines().skip(1))
            .map(|l| l.split('：').next().unwrap_or_default().to_owned())
            .collect()
    };
    assert_eq!(links(&shown), links(&show));
}

#[test]
fn a_file_with_bad_rows_is_refused_whole_with_each_rows_reason() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("z.db");
    let file = dir.path().join("bad.xlsx");
    xlsx(
        &file,
        &[
            ["链", "环节", "上级环节", "段(上游/中游/下游)", "关键环节"],
            ["低空经济", "飞控系统", "", "上游", "是"],
            ["低空经济", "整机制造", "", "中间", ""],
            ["低空经济", "电机", "不存在的环节", "", ""],
            ["低空经济", "飞控系统", "", "上游", ""],
            ["低空经济", "运营服务", "", "下游", "也许"],
        ],
    );
    let out = run(&db, &["chain", "import", file.to_str().expect("path")]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("4 行有错误，未导入任何内容"), "{err}");
    assert!(
        err.contains("第 3 行：段“中间”不是上游、中游、下游之一"),
        "{err}"
    );
    assert!(
        err.contains("第 4 行：上级环节“不存在的环节”不是本链的环节"),
        "{err}"
    );
    assert!(
        err.contains("第 5 行：环节“飞控系统”在本链中出现两次"),
        "{err}"
    );
    assert!(
        err.contains("第 6 行：关键环节“也许”请写“是”或留空"),
        "{err}"
    );
    let list = stdout_of_success(&run(&db, &["chain", "list"]));
    assert!(list.contains("没有产业链"), "{list}");
    // Not a chain file at all, and not a spreadsheet: a message, no panic.
    xlsx(
        &file,
        &[["项目名称", "金额", "", "", ""], ["甲", "1", "", "", ""]],
    );
    let out = run(&db, &["chain", "import", file.to_str().expect("path")]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("找不到表头“链”"));
    let junk = dir.path().join("junk.xlsx");
    std::fs::write(&junk, [0u8, 159, 146, 150, 1, 2, 3]).expect("write");
    let out = run(&db, &["chain", "import", junk.to_str().expect("path")]);
    assert!(!out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn the_chain_map_is_drawn_to_png_and_svg_with_chinese_text() {
    let dir = tempfile::tempdir().expect("dir");
    let db = common::demo_db(dir.path(), 200);
    let png = dir.path().join("ev.png");
    let said = stdout_of_success(&run(
        &db,
        &[
            "chain",
            "chart",
            "新能源汽车",
            "--out",
            png.to_str().expect("path"),
        ],
    ));
    assert!(said.contains("已写出产业链图"), "{said}");
    let bytes = std::fs::read(&png).expect("png");
    assert!(bytes.starts_with(b"\x89PNG"));
    let svg = dir.path().join("ev.svg");
    stdout_of_success(&run(
        &db,
        &[
            "chain",
            "chart",
            "新能源汽车",
            "--out",
            svg.to_str().expect("path"),
        ],
    ));
    let text = std::fs::read_to_string(&svg).expect("svg");
    assert!(text.contains("产业链图谱：新能源汽车"));
    assert!(text.contains("动力电池 ★"));
    assert!(text.contains("上游") && text.contains("缺链"));
    let none = run(
        &db,
        &[
            "chain",
            "chart",
            "不存在",
            "--out",
            svg.to_str().expect("p"),
        ],
    );
    assert!(String::from_utf8_lossy(&none.stderr).contains("没有产业链“不存在”"));
}

#[test]
fn chart_chain_draws_the_named_chain_or_the_first() {
    let dir = tempfile::tempdir().expect("dir");
    let db = common::demo_db(dir.path(), 100);
    let svg = dir.path().join("chain.svg");
    let out = svg.to_str().expect("path");
    stdout_of_success(&run(
        &db,
        &["chart", "chain", "--chain", "集成电路", "--out", out],
    ));
    let text = std::fs::read_to_string(&svg).expect("svg");
    assert!(text.contains("产业链图谱：集成电路"));
    // No name: the first chain `chain list` lists.
    stdout_of_success(&run(&db, &["chart", "chain", "--out", out]));
    let listed = stdout_of_success(&run(&db, &["chain", "list"]));
    let first = listed.lines().next().expect("a chain listed");
    let text = std::fs::read_to_string(&svg).expect("svg");
    let title = text.split("产业链图谱：").nth(1).expect("a title");
    let name: String = title
        .chars()
        .take_while(|c| *c != '<' && !c.is_whitespace())
        .collect();
    assert!(
        !name.is_empty() && first.starts_with(&name),
        "{name:?} is not the first listed: {first}"
    );
    let none = run(&db, &["chart", "chain", "--chain", "不存在", "--out", out]);
    assert!(String::from_utf8_lossy(&none.stderr).contains("没有产业链“不存在”"));
}
