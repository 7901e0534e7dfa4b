//! `chart map`: the command line draws 招商地图 to a PNG (or an SVG with its Chinese text).

mod common;

fn run(db: &str, out: &std::path::Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "--db",
        db,
        "chart",
        "map",
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    common::cli(&args)
}

#[test]
fn chart_map_writes_a_png_and_an_svg() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), 120);
    let db = db.to_str().unwrap();
    let png = dir.path().join("地图.png");
    let said = common::stdout_of_success(&run(db, &png, &[]));
    assert!(said.contains("招商地图"), "{said}");
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[1..4], b"PNG");
    // Width and height are in the header: 1200 × 750 by default.
    assert_eq!(&bytes[16..24], &[0, 0, 4, 176, 0, 0, 2, 238]);

    let svg = dir.path().join("map.svg");
    common::stdout_of_success(&run(db, &svg, &["--region", "长三角"]));
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("长三角 · 统计期间 2025-01-01 至 2025-12-31"));
    assert!(text.contains("黑龙江") && text.contains("新疆"));

    let bad = run(db, &dir.path().join("map.gif"), &[]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("不支持的图片格式"));
}

#[test]
fn chart_map_without_a_range_draws_this_year_to_date() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), 60);
    let svg = dir.path().join("map.svg");
    let args = ["--db", db.to_str().unwrap(), "chart", "map", "--out"];
    let mut args = args.to_vec();
    args.push(svg.to_str().unwrap());
    common::stdout_of_success(&common::cli(&args));
    let today = chrono::Local::now().date_naive();
    let period = format!(
        "统计期间 {}-01-01 至 {today}",
        chrono::Datelike::year(&today)
    );
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains(&period), "{period} not in the title");
}
