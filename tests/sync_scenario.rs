//! 同步 between four files — a lead and three officers — as they would use it: edits on both
//! sides, a delete against an edit, two officers moving one project, a 撞单, bundles merged
//! in different orders and twice. Whatever the order, every file ends with the same data.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_json::Value;
use zhaoshang::domain::pipeline::StageMove;
use zhaoshang::domain::{Officer, Project, Stage, Team};
use zhaoshang::store::{Store, Write};
use zhaoshang::sync::{self, Choice, SyncError};

struct Site {
    store: Store,
    path: PathBuf,
}

fn open(dir: &Path, name: &str) -> Site {
    let path = dir.join(format!("{name}.db"));
    Site {
        store: Store::open(&path).expect("open"),
        path,
    }
}

/// Exports from `from` for `to` and merges it there; returns how many entries were new.
fn send(from: &mut Site, to: &mut Site) -> usize {
    let to_site = to.store.sync_site().expect("site");
    let (bytes, _) = sync::export_bundle(&mut from.store, Some(&to_site), None).expect("export");
    let bundle = sync::read_bundle(&bytes, None).expect("read");
    let report = sync::apply(&mut to.store, &bundle).expect("merge");
    report.entries
}

fn dump(site: &Site) -> String {
    site.store.sync_dump().expect("dump")
}

fn everyone_with_everyone(sites: &mut [Site]) {
    // Two rounds of all-to-all: after the first, each file holds everything; the second
    // carries the acknowledgements (nothing new).
    for _ in 0..2 {
        for i in 0..sites.len() {
            for j in 0..sites.len() {
                if i != j {
                    let (a, b) = pair(sites, i, j);
                    send(a, b);
                }
            }
        }
    }
}

fn pair(sites: &mut [Site], i: usize, j: usize) -> (&mut Site, &mut Site) {
    if i < j {
        let (l, r) = sites.split_at_mut(j);
        (&mut l[i], &mut r[0])
    } else {
        let (l, r) = sites.split_at_mut(i);
        (&mut r[0], &mut l[j])
    }
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day")
}

fn project(name: &str, company: &str, credit: &str) -> Project {
    let mut p = Project::new(name);
    p.company = company.into();
    p.credit_code = credit.into();
    p.set_stage_date(Stage::Lead, Some(day("2026-03-01")));
    p
}

fn edit(site: &mut Site, id: uuid::Uuid, f: impl FnOnce(&mut Project)) {
    let mut p = site.store.project(id).expect("read").expect("project");
    f(&mut p);
    site.store.write(&[Write::PutProject(p)]).expect("write");
}

fn move_to(site: &mut Site, id: uuid::Uuid, to: Stage, date: &str, who: &str) {
    let mut p = site.store.project(id).expect("read").expect("project");
    let m = StageMove {
        id: uuid::Uuid::now_v7(),
        project_id: id,
        from: p.stage,
        to,
        date: day(date),
        who: who.into(),
        reason: String::new(),
    };
    p.stage = to;
    p.set_stage_date(to, Some(day(date)));
    site.store
        .write(&[Write::PutStageMove(m), Write::PutProject(p)])
        .expect("move");
}

/// The lead's file with the team, three officers, and three projects everyone gets.
fn team(dir: &Path) -> (Vec<Site>, Vec<uuid::Uuid>, Vec<uuid::Uuid>) {
    let mut lead = open(dir, "lead");
    let team = Team::new("第一招商小组");
    let officers: Vec<Officer> = ["组长", "张三", "李四", "王五"]
        .iter()
        .map(|n| Officer::new(team.id, *n))
        .collect();
    let shared: Vec<Project> = ["新能源电池项目", "生物医药基地", "智能装备产业园"]
        .iter()
        .map(|n| project(n, "", ""))
        .collect();
    let mut writes = vec![Write::PutTeam(team.clone())];
    writes.extend(officers.iter().cloned().map(Write::PutOfficer));
    writes.extend(shared.iter().cloned().map(Write::PutProject));
    writes.push(Write::SetSetting(
        "my_officer".into(),
        officers[0].id.to_string(),
    ));
    lead.store.write(&writes).expect("lead data");
    let mut sites = vec![lead];
    for (i, name) in ["zhang", "li", "wang"].iter().enumerate() {
        let mut s = open(dir, name);
        s.store
            .write(&[Write::SetSetting(
                "my_officer".into(),
                officers[i + 1].id.to_string(),
            )])
            .expect("me");
        let (l, r) = sites.split_at_mut(1);
        let _ = r;
        send(&mut l[0], &mut s);
        sites.push(s);
    }
    (
        sites,
        officers.iter().map(|o| o.id).collect(),
        shared.iter().map(|p| p.id).collect(),
    )
}

#[test]
fn four_files_converge_whatever_the_order() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut sites, _officers, shared) = team(dir.path());
    let [p1, p2, p3] = [shared[0], shared[1], shared[2]];
    for s in &sites[1..] {
        assert_eq!(
            s.store.project(p1).expect("read").expect("p1").name,
            "新能源电池项目"
        );
    }
    // Edits on both sides: different fields merge, the same field with two values conflicts.
    edit(&mut sites[1], p1, |p| p.name = "新能源动力电池项目".into());
    edit(&mut sites[2], p1, |p| p.notes = "已对接董事长".into());
    edit(&mut sites[1], p1, |p| p.jobs = Some(300));
    edit(&mut sites[3], p1, |p| p.jobs = Some(450));
    // A delete against an edit.
    sites[2]
        .store
        .write(&[Write::DeleteProject(p2)])
        .expect("delete");
    edit(&mut sites[3], p2, |p| p.next_step = "下周回访".into());
    // Two officers move the same project.
    move_to(&mut sites[1], p3, Stage::Negotiating, "2026-04-01", "张三");
    move_to(&mut sites[2], p3, Stage::Signed, "2026-05-01", "李四");
    // 撞单: two officers record one investment under two ids.
    let dup_a = project("宁德储能项目", "宁德储能科技有限公司", "91350900MA32XXXX1A");
    let dup_c = project(
        "宁德储能新项目",
        "宁德储能科技有限公司",
        "91350900MA32XXXX1A",
    );
    sites[1]
        .store
        .write(&[Write::PutProject(dup_a.clone())])
        .expect("a");
    sites[3]
        .store
        .write(&[Write::PutProject(dup_c.clone())])
        .expect("c");

    // The lead hears from zhang first, then previews wang's bundle: the 撞单 shows.
    let (l, r) = sites.split_at_mut(1);
    send(&mut r[0], &mut l[0]);
    let lead_site = l[0].store.sync_site().expect("site");
    let (bytes, _) = sync::export_bundle(&mut r[2].store, Some(&lead_site), None).expect("export");
    let bundle = sync::read_bundle(&bytes, None).expect("read");
    let before = dump(&l[0]);
    let preview = sync::preview(&mut l[0].store, &bundle).expect("preview");
    assert_eq!(dump(&l[0]), before, "a preview writes nothing");
    assert!(
        preview
            .duplicates
            .iter()
            .any(|d| d.incoming == dup_c.id.to_string() && d.existing == dup_a.id.to_string()),
        "{:?}",
        preview.duplicates
    );
    assert!(preview.report.new_conflicts >= 1, "{:?}", preview.report);
    sync::apply(&mut l[0].store, &bundle).expect("merge");
    // Merging the same bundle again changes nothing.
    let once = dump(&l[0]);
    let again = sync::apply(&mut l[0].store, &bundle).expect("merge twice");
    assert_eq!(again.entries, 0);
    assert_eq!(dump(&l[0]), once);
    // li's bundle reaches the others in another order: wang first, then the lead.
    let (a, b) = pair(&mut sites, 2, 3);
    send(a, b);
    let (a, b) = pair(&mut sites, 2, 0);
    send(a, b);

    everyone_with_everyone(&mut sites);
    let dumps: Vec<String> = sites.iter().map(dump).collect();
    for d in &dumps[1..] {
        assert_eq!(d, &dumps[0], "every file shows the same data");
    }
    let lead = &sites[0].store;
    let p1_now = lead.project(p1).expect("read").expect("p1");
    assert_eq!(p1_now.name, "新能源动力电池项目");
    assert_eq!(p1_now.notes, "已对接董事长");
    // The stage follows the latest move; both moves stay in the history.
    let p3_now = lead.project(p3).expect("read").expect("p3");
    assert_eq!(p3_now.stage, Stage::Signed);
    assert_eq!(lead.stage_moves(p3).expect("moves").len(), 2);
    let conflicts = sync::conflicts(lead).expect("conflicts");
    let fields: Vec<(&str, &str)> = conflicts
        .iter()
        .map(|c| (c.row.as_str(), c.field.as_str()))
        .collect();
    let (p1s, p2s) = (p1.to_string(), p2.to_string());
    assert!(fields.contains(&(p1s.as_str(), "jobs")), "{fields:?}");
    assert!(fields.contains(&(p2s.as_str(), "deleted_at")), "{fields:?}");
    assert!(!fields.iter().any(|(_, f)| *f == "stage"), "{fields:?}");
    let jobs = conflicts.iter().find(|c| c.field == "jobs").expect("jobs");
    let values: Vec<&Value> = jobs.heads.iter().map(|h| &h.value).collect();
    assert!(values.contains(&&Value::from(300)) && values.contains(&&Value::from(450)));

    // The lead settles both conflicts and folds the 撞单; the choices travel and settle
    // everywhere, without conflicting again.
    let lead = &mut sites[0].store;
    for c in sync::conflicts(lead).expect("conflicts") {
        let choice = if c.field == "jobs" {
            Choice::Value(Value::from(400))
        } else {
            Choice::Theirs
        };
        sync::resolve(lead, c.id, choice).expect("resolve");
    }
    assert_eq!(
        lead.sync_conflict_count().expect("count"),
        0,
        "{:#?}",
        sync::conflicts(lead)
    );
    sync::fold_project(lead, &dup_a.id.to_string(), &dup_c.id.to_string()).expect("fold");
    everyone_with_everyone(&mut sites);
    let dumps: Vec<String> = sites.iter().map(dump).collect();
    for (s, d) in sites.iter().zip(&dumps) {
        assert_eq!(d, &dumps[0]);
        assert_eq!(
            s.store.sync_conflict_count().expect("count"),
            0,
            "{:#?}",
            sync::conflicts(&s.store)
        );
        assert_eq!(s.store.project(p1).expect("r").expect("p1").jobs, Some(400));
        assert!(!s.store.is_live(dup_c.id).expect("live"));
        assert!(s.store.is_live(dup_a.id).expect("live"));
    }
    // 变更记录: who changed what, from which file.
    let history = sites[0].store.project_history(p1).expect("history");
    assert!(history.iter().any(|h| h.field.as_deref() == Some("name")
        && h.new == "新能源动力电池项目"
        && h.old == "新能源电池项目"
        && h.officer_name == "张三"));
    // 同步 screen: every site heard from, with its officer.
    let status = sites[0].store.sync_sites().expect("sites");
    assert_eq!(status.len(), 4);
    assert!(
        status
            .iter()
            .any(|s| s.officer_name == "王五" && s.received_at.is_some())
    );
}

fn file_bytes(path: &Path) -> (Vec<u8>, Vec<u8>) {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    (
        std::fs::read(path).expect("db"),
        std::fs::read(PathBuf::from(wal)).unwrap_or_default(),
    )
}

#[test]
fn refused_bundles_leave_the_ledger_byte_identical() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut sites, _, shared) = team(dir.path());
    edit(&mut sites[1], shared[0], |p| {
        p.notes = "机密：投资额待定".into()
    });
    let lead_site = sites[0].store.sync_site().expect("site");
    let (plain, _) = sync::export_bundle(&mut sites[1].store, Some(&lead_site), None).expect("e");
    let (secret, _) =
        sync::export_bundle(&mut sites[1].store, Some(&lead_site), Some("团队口令")).expect("e");
    let needle = "机密".as_bytes();
    assert!(
        !secret.windows(needle.len()).any(|w| w == needle),
        "encrypted"
    );
    assert!(sync::bundle::is_encrypted(&secret));
    let before = file_bytes(&sites[0].path);
    let lead = &mut sites[0].store;
    let refuse = |lead: &mut Store, data: &[u8], pass: Option<&str>| -> SyncError {
        match sync::read_bundle(data, pass) {
            Err(e) => e,
            Ok(b) => sync::apply(lead, &b).expect_err("refused"),
        }
    };
    let cut = &plain[..plain.len() - 40];
    assert!(matches!(refuse(lead, cut, None), SyncError::Truncated));
    let mut tampered = plain.clone();
    let mid = tampered.len() / 2;
    tampered[mid] ^= 0x55;
    assert!(matches!(refuse(lead, &tampered, None), SyncError::Tampered));
    assert!(matches!(
        refuse(lead, &secret, Some("错的口令")),
        SyncError::WrongPassphrase
    ));
    assert!(matches!(
        refuse(lead, &secret, None),
        SyncError::NeedsPassphrase
    ));
    assert!(matches!(
        refuse(lead, b"PK\x03\x04 a zip file", None),
        SyncError::NotABundle
    ));
    let mut newer = plain.clone();
    newer[8..10].copy_from_slice(&99u16.to_be_bytes());
    assert!(matches!(
        refuse(lead, &newer, None),
        SyncError::NewerFormat { found: 99, .. }
    ));
    assert_eq!(
        file_bytes(&sites[0].path),
        before,
        "every refusal leaves every byte"
    );
    // The right passphrase opens it.
    let bundle = sync::read_bundle(&secret, Some("团队口令")).expect("decrypt");
    sync::apply(&mut sites[0].store, &bundle).expect("merge");
    assert_eq!(
        sites[0]
            .store
            .project(shared[0])
            .expect("r")
            .expect("p")
            .notes,
        "机密：投资额待定"
    );
}

#[test]
fn a_file_copied_by_hand_and_used_twice_is_a_fork() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut sites, _, shared) = team(dir.path());
    let zhang = sites.remove(1);
    let path = zhang.path.clone();
    drop(zhang);
    let copy_path = dir.path().join("zhang-copy.db");
    std::fs::copy(&path, &copy_path).expect("copy");
    let mut zhang = Site {
        store: Store::open(&path).expect("open"),
        path,
    };
    let mut copy = Site {
        store: Store::open(&copy_path).expect("open"),
        path: copy_path,
    };
    edit(&mut zhang, shared[0], |p| p.notes = "原文件".into());
    edit(&mut copy, shared[0], |p| p.notes = "复制的文件".into());
    send(&mut zhang, &mut sites[0]);
    let before = file_bytes(&sites[0].path);
    let (bytes, _) = sync::export_bundle(&mut copy.store, None, None).expect("export");
    let bundle = sync::read_bundle(&bytes, None).expect("read");
    let err = sync::apply(&mut sites[0].store, &bundle).expect_err("fork");
    assert!(matches!(err, SyncError::Fork { .. }), "{err}");
    let text = zhaoshang::i18n::sync_error_text(zhaoshang::i18n::Lang::Zh, &err);
    assert!(text.contains("分叉") && text.contains("复制"), "{text}");
    assert_eq!(file_bytes(&sites[0].path), before);
    // 保存副本 gives the copy its own site: its changes merge.
    let saved = dir.path().join("zhang-saved.db");
    zhang.store.save_copy(&saved).expect("save copy");
    let mut saved = Site {
        store: Store::open(&saved).expect("open"),
        path: saved,
    };
    assert_ne!(
        saved.store.sync_site().expect("s"),
        zhang.store.sync_site().expect("s")
    );
    edit(&mut saved, shared[1], |p| p.notes = "副本里写的".into());
    send(&mut saved, &mut sites[0]);
    assert_eq!(
        sites[0]
            .store
            .project(shared[1])
            .expect("r")
            .expect("p")
            .notes,
        "副本里写的"
    );
}

#[test]
fn a_merge_is_one_undo_step() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut sites, _, shared) = team(dir.path());
    edit(&mut sites[1], shared[0], |p| p.name = "改过的名字".into());
    let extra = project("新来的项目", "某公司", "");
    sites[1]
        .store
        .write(&[Write::PutProject(extra.clone())])
        .expect("w");
    let before = sites[0].store.project(shared[0]).expect("r").expect("p");
    let (a, b) = pair(&mut sites, 1, 0);
    send(a, b);
    let lead = &mut sites[0].store;
    let receipts = lead.sync_receipts().expect("receipts");
    let receipt = receipts.first().expect("one receipt").id.clone();
    let full = lead.sync_receipt(&receipt).expect("r").expect("receipt");
    assert!(
        full.changes
            .iter()
            .any(|c| c.before.as_ref().and_then(|b| b.get("name"))
                == Some(&Value::from("新能源电池项目")))
    );
    sync::revert_merge(lead, &receipt).expect("revert");
    assert_eq!(
        lead.project(shared[0]).expect("r").expect("p").name,
        before.name
    );
    assert!(!lead.is_live(extra.id).expect("live"));
    sync::reapply_merge(lead, &receipt).expect("redo");
    assert_eq!(
        lead.project(shared[0]).expect("r").expect("p").name,
        "改过的名字"
    );
    assert!(lead.is_live(extra.id).expect("live"));
}

#[test]
fn a_ledger_from_before_the_log_gets_one_created_entry_per_live_row() {
    use zhaoshang::store::migrations::{APPLICATION_ID, MIGRATIONS};
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("old.db");
    {
        let conn = rusqlite::Connection::open(&path).expect("sqlite");
        for m in &MIGRATIONS[..5] {
            conn.execute_batch(m).expect("old schema");
        }
        conn.pragma_update(None, "user_version", 5).expect("v");
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .expect("id");
        conn.execute_batch(
            "INSERT INTO projects (id, name, stage, created_at, updated_at) VALUES \
             ('01900000-0000-7000-8000-000000000001', '老项目', 'lead', '2025-01-01T00:00:00.000', '2025-01-01T00:00:00.000'), \
             ('01900000-0000-7000-8000-000000000002', '删掉的', 'lead', '2025-01-01T00:00:00.000', '2025-01-01T00:00:00.000');
             UPDATE projects SET deleted_at = '2025-02-01T00:00:00.000' WHERE name = '删掉的';",
        )
        .expect("rows");
    }
    let mut old = Site {
        store: Store::open(&path).expect("migrate"),
        path,
    };
    assert!(
        old.store.migration_backup().is_some(),
        "copied before migrating"
    );
    let live = uuid::Uuid::parse_str("01900000-0000-7000-8000-000000000001").expect("id");
    let history = old.store.project_history(live).expect("history");
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].field, None, "one created entry");
    let gone = uuid::Uuid::parse_str("01900000-0000-7000-8000-000000000002").expect("id");
    assert!(old.store.project_history(gone).expect("h").is_empty());
    // Its rows ride a bundle like any other.
    let mut fresh = open(dir.path(), "fresh");
    send(&mut old, &mut fresh);
    assert_eq!(
        fresh.store.project(live).expect("r").expect("p").name,
        "老项目"
    );
}

#[test]
fn catalogues_both_files_start_with_merge_without_a_conflict() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut sites, _, _) = team(dir.path());
    let mut industries = sites[0].store.industries().expect("industries");
    industries.push("低空经济".into());
    sites[0]
        .store
        .write(&[Write::SetIndustries(industries.clone())])
        .expect("industries");
    sites[1]
        .store
        .write(&[Write::SetSetting(
            zhaoshang::store::ELAPSED_COUNTING_KEY.into(),
            "months".into(),
        )])
        .expect("setting");
    everyone_with_everyone(&mut sites);
    for s in &sites {
        assert_eq!(s.store.industries().expect("i"), industries);
        assert_eq!(s.store.sync_conflict_count().expect("c"), 0);
        assert_eq!(
            s.store
                .setting(zhaoshang::store::ELAPSED_COUNTING_KEY)
                .expect("s")
                .as_deref(),
            Some("months")
        );
    }
    let dumps: Vec<String> = sites.iter().map(dump).collect();
    assert!(dumps.iter().all(|d| d == &dumps[0]));
}

/// Projects whose texts SQLite and Rust might write differently as JSON: quotes, backslashes,
/// control characters, non-BMP characters, empty and null fields, money and tags.
fn awkward_projects(n: usize) -> Vec<Project> {
    (0..n)
        .map(|i| {
            let mut p = project(
                &format!("项目 \"{i}\" \\ 第\n{i}\t号 \u{1}\u{1f}😀"),
                &format!("公司{}", i % 7),
                if i % 3 == 0 { "91310000MA1FL8XQ3X" } else { "" },
            );
            p.investment =
                (i % 2 == 0).then(|| zhaoshang::domain::money::Money::cny(i as i64 * 1_000_000));
            p.jobs = (i % 5 == 0).then_some(i as i64);
            p.is_headquarters = i % 4 == 0;
            p.notes = "备注 </script> \u{2028} é".into();
            p.tags = vec!["重点".into(), format!("t{i}")];
            p
        })
        .collect()
}

#[test]
fn a_large_write_logs_each_new_row_once_with_the_values_a_row_by_row_log_would_hold() {
    let dir = tempfile::tempdir().expect("dir");
    let mut bulk = open(dir.path(), "bulk");
    let mut single = open(dir.path(), "single");
    let projects = awkward_projects(150);
    let writes: Vec<Write> = projects.iter().cloned().map(Write::PutProject).collect();
    bulk.store.write(&writes).expect("one write of 150");
    for w in &writes {
        single
            .store
            .write(std::slice::from_ref(w))
            .expect("one by one");
    }
    for site in [&bulk, &single] {
        let me = site.store.sync_site().expect("site");
        let mut created = Vec::new();
        site.store
            .sync_entries_after(&me, 0, |e| {
                created.push(e);
                Ok(())
            })
            .expect("entries");
        let projects_logged: Vec<_> = created.iter().filter(|e| e.table == "projects").collect();
        assert_eq!(projects_logged.len(), 150, "one created entry per project");
        for e in projects_logged {
            assert!(e.field.is_none());
            let row = site
                .store
                .sync_row("projects", &e.row)
                .expect("row")
                .expect("there");
            assert_eq!(
                e.value,
                Value::Object(row.into_iter().collect()),
                "row {}",
                e.row
            );
        }
    }
    // An edit after the large write logs the one field it changed, nothing else.
    let me = bulk.store.sync_site().expect("site");
    let before = bulk.store.sync_heads().expect("heads")[&me];
    edit(&mut bulk, projects[7].id, |p| p.next_step = "约见".into());
    assert_eq!(bulk.store.sync_heads().expect("heads")[&me], before + 1);
    // Both files merged into a third show the same projects.
    let mut third = open(dir.path(), "third");
    send(&mut bulk, &mut third);
    let mut fourth = open(dir.path(), "fourth");
    send(&mut single, &mut fourth);
    edit(&mut fourth, projects[7].id, |p| p.next_step = "约见".into());
    let rows = |s: &Site| {
        projects
            .iter()
            .map(|p| {
                s.store
                    .sync_row("projects", &p.id.to_string())
                    .expect("row")
            })
            .collect::<Vec<_>>()
    };
    let strip = |mut rows: Vec<Option<zhaoshang::store::changelog::Fields>>| {
        for r in rows.iter_mut().flatten() {
            r.remove("created_at");
        }
        rows
    };
    assert_eq!(strip(rows(&third)), strip(rows(&fourth)));
}
