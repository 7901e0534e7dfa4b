//! The embedded Chinese font (a GBK subset of Noto Sans CJK SC; see assets/fonts/README.md).

/// Registered after egui's own fonts in both families, so Latin text keeps egui's look and every
/// Chinese character (including name characters such as 喆 堃 犇) still has a glyph.
pub fn install(ctx: &egui::Context) {
    static CJK: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-GBK.otf");
    let families = [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
        .into_iter()
        .map(|family| egui::epaint::text::InsertFontFamily {
            family,
            priority: egui::epaint::text::FontPriority::Lowest,
        })
        .collect();
    ctx.add_font(egui::epaint::text::FontInsert::new(
        "noto-sans-sc-gbk",
        egui::FontData::from_static(CJK),
        families,
    ));
}
