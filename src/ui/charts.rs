//! 图表: per-industry bars, the stage funnel, this year against last by month, origins, tiers
//! and teams, drawn with egui_plot from the app's cached [`Charts`] (no queries in a frame).
//! Hovering a bar shows its exact figures; clicking a bar (or its "查看项目" button) opens the
//! ledger filtered to exactly those projects. A filter bar narrows every chart to a team, an
//! industry or an economic region of origin. Exports go through a save dialog to the app
//! layer; the monthly pack is written on a worker thread while a spinner shows here.

use super::Actions;
use crate::app::{ChartsAction, LedgerAction};

use chrono::Datelike;
use egui::Color32;
use egui_plot::{Bar, BarChart, GridInput, GridMark, HLine, Legend, Line, LineStyle, Plot};
use egui_plot::{PlotBounds, PlotPoints};

use super::dialogs::{Dialogs, Purpose};
use super::filters::report_filter_ui;
use super::period::PeriodPicker;
use super::widgets::updating_mark;
use crate::app::{Action, AppState, Screen};
use crate::domain::money::yi_rounded;
use crate::domain::query::ProjectFilter;
use crate::i18n::{Lang, T};
use crate::report::chart_labels::{
    annual_target_label, funnel_figures, month_label, plot_top, short_label, year_month_label,
    year_names, yi,
};
use crate::report::charts::{ChartKind, Charts, MAX_BARS, Monthly};

const THIS_YEAR: Color32 = Color32::from_rgb(0x3b, 0x82, 0xc4);
const LAST_YEAR: Color32 = Color32::from_rgb(0x9a, 0xa5, 0xb1);
const TARGET: Color32 = Color32::from_rgb(0xd0, 0x4a, 0x4a);

#[derive(Default)]
pub struct ChartsView {
    kind: ChartKind,
    by_count: bool,
}

/// One bar of a horizontal chart, ready to draw.
struct Row<'a> {
    label: &'a str,
    value: f64,
    /// Exact figures, for the hover text and the list.
    figures: String,
    filter: Option<&'a (ProjectFilter, Option<usize>)>,
}

fn kind_label(kind: ChartKind) -> T {
    match kind {
        ChartKind::Industry => T::ChartIndustry,
        ChartKind::Funnel => T::ChartFunnel,
        ChartKind::Monthly => T::ChartMonthly,
        ChartKind::Region => T::ChartRegion,
        ChartKind::Origin => T::ChartOrigin,
        ChartKind::Tier => T::ChartTier,
        ChartKind::Teams => T::ChartTeams,
    }
}

fn open_ledger(actions: &mut Actions, filter: &(ProjectFilter, Option<usize>)) {
    actions.push(LedgerAction::SetFilter(
        Box::new(filter.0.clone()),
        filter.1,
    ));
    actions.push(Action::Navigate(Screen::Projects));
}

impl ChartsView {
    pub fn show_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        period: &mut PeriodPicker,
        dialogs: &mut Dialogs,
        actions: &mut Actions,
    ) {
        ui.horizontal(|ui| {
            ui.heading(state.t(T::NavCharts));
            updating_mark(ui, state.lang, state.charts.is_updating());
        });
        period.period_ui(ui, state, actions);
        filters_ui(ui, state, actions);
        ui.separator();
        ui.horizontal_wrapped(|ui| {
            for kind in ChartKind::ALL {
                if ui
                    .add(egui::Button::selectable(
                        self.kind == kind,
                        state.t(kind_label(kind)),
                    ))
                    .clicked()
                {
                    self.kind = kind;
                }
            }
            ui.separator();
            if state
                .charts
                .data
                .as_ref()
                .and_then(|c| c.bars(self.kind))
                .is_some()
            {
                ui.selectable_value(&mut self.by_count, false, state.t(T::MeasureAmount));
                ui.selectable_value(&mut self.by_count, true, state.t(T::MeasureCount));
                ui.separator();
            }
            let ready = state.charts.data.is_some() && !dialogs.is_open();
            if ui
                .add_enabled(ready, egui::Button::new(state.t(T::ExportPng)))
                .clicked()
            {
                dialogs.start(ui.ctx(), Purpose::Chart(self.kind, "png"), "");
            }
            if ui
                .add_enabled(ready, egui::Button::new(state.t(T::ExportSvg)))
                .clicked()
            {
                dialogs.start(ui.ctx(), Purpose::Chart(self.kind, "svg"), "");
            }
            if let Some(charts) = &state.charts.data {
                let end = charts.range.to;
                let month = (end.year(), end.month());
                let text = state
                    .t(T::ReviewPackButton)
                    .replace("{month}", &year_month_label(month.0, month.1, state.lang));
                let idle = !dialogs.is_open() && state.jobs.pack.is_none();
                let mut button = ui.add_enabled(idle, egui::Button::new(text));
                if !charts.filter.is_all() {
                    button = button.on_hover_text(state.t(T::PackWholeZone));
                }
                if button.clicked() {
                    dialogs.start(ui.ctx(), Purpose::Pack(month), "");
                }
            }
            if let Some(job) = &state.jobs.pack {
                ui.spinner();
                ui.label(state.t(T::PackWriting).replace(
                    "{month}",
                    &year_month_label(job.month.0, job.month.1, state.lang),
                ));
            }
        });
        let Some(charts) = &state.charts.data else {
            ui.weak(state.t(if state.charts.is_updating() {
                T::FiguresLoading
            } else {
                T::PeriodNotBegun
            }));
            return;
        };
        ui.horizontal(|ui| {
            ui.strong(self.kind.title(state.lang));
            ui.weak(charts.period_line());
        });
        if charts.is_empty(self.kind) {
            ui.add_space(24.0);
            ui.label(state.t(T::NoData));
            return;
        }
        egui::ScrollArea::vertical()
            .auto_shrink(false)
            .show(ui, |ui| match self.kind {
                ChartKind::Monthly => monthly_ui(ui, state.lang, charts, actions),
                ChartKind::Funnel => funnel_ui(ui, state, charts, actions),
                kind => self.bars_ui(ui, state, charts, kind, actions),
            });
    }

    fn bars_ui(
        &self,
        ui: &mut egui::Ui,
        state: &AppState,
        charts: &Charts,
        kind: ChartKind,
        actions: &mut Actions,
    ) {
        let lang = state.lang;
        let bars = charts.top_bars(kind, MAX_BARS);
        let rows: Vec<Row> = bars
            .iter()
            .map(|b| Row {
                label: &b.label,
                value: if self.by_count {
                    b.tally.count as f64
                } else {
                    yi(b.tally.amount_cny.max(0))
                },
                figures: b.figures_text(lang),
                filter: b.filter.as_ref(),
            })
            .collect();
        let axis = if self.by_count {
            state.t(T::CountHeader)
        } else {
            state.t(T::AmountYiHeader)
        };
        horizontal_bars_ui(ui, kind.title(lang), &rows, axis, actions);
        ui.weak(state.t(T::ChartClickHint));
        rows_list_ui(ui, state, &rows, state.t(T::FiguresHeader), actions);
    }
}

/// Team, industry and economic region of origin: which projects every chart counts.
fn filters_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Actions) {
    if let Some(filter) = report_filter_ui(ui, state, "charts", &state.charts.filter) {
        actions.push(ChartsAction::SetFilter(filter));
    }
}

/// One grid mark per whole number in view: a label per bar or month, nothing in between.
fn whole_marks(input: GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    let (lo, hi) = (lo.ceil() as i64, hi.floor() as i64);
    (lo..=hi.min(lo + 200))
        .map(|v| GridMark {
            value: v as f64,
            step_size: 1.0,
        })
        .collect()
}

/// Horizontal bars, the first row on top. The plot's bounds are fixed (bar `i` is centred on
/// `y = n-1-i`), so a click anywhere in a bar's band opens that bar's projects.
fn horizontal_bars_ui(
    ui: &mut egui::Ui,
    title: &str,
    rows: &[Row],
    axis: &str,
    actions: &mut Actions,
) {
    let n = rows.len();
    let max = rows.iter().map(|r| r.value).fold(0.0, f64::max);
    let top = if max > 0.0 { max * 1.1 } else { 1.0 };
    let label_width = rows
        .iter()
        .map(|r| {
            r.label
                .chars()
                .map(|c| if c.is_ascii() { 7.5 } else { 14.0 })
                .sum::<f32>()
        })
        .fold(40.0, f32::max)
        + 12.0;
    let height = (n as f32 * 30.0 + 50.0).clamp(180.0, 480.0);
    let labels: Vec<String> = rows.iter().map(|r| short_label(r.label)).collect();
    let bars: Vec<Bar> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            Bar::new((n - 1 - i) as f64, r.value)
                .width(0.7)
                .name(format!("{}\n{}", r.label, r.figures))
                .fill(THIS_YEAR)
        })
        .collect();
    let response = Plot::new(("chart", title))
        .height(height)
        // The plot's own hover label sits at the bar's end and is cut off at the top; the
        // exact figures are shown at the pointer instead (below).
        .show_x(false)
        .show_y(false)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .y_axis_min_width(label_width)
        .y_grid_spacer(whole_marks)
        .y_axis_formatter(move |mark, _| {
            let j = mark.value.round();
            if (mark.value - j).abs() > 1e-6 || j < 0.0 || j as usize >= n {
                return String::new();
            }
            labels[n - 1 - j as usize].clone()
        })
        .x_axis_label(axis)
        .show(ui, |plot_ui| {
            // At least three rows' room (rows stay on top), so one bar is not a slab.
            let bottom = n as f64 - 0.5 - n.max(3) as f64;
            plot_ui.set_plot_bounds(PlotBounds::from_min_max(
                [0.0, bottom],
                [top, n as f64 - 0.5],
            ));
            plot_ui.bar_chart(
                BarChart::new(title, bars)
                    .horizontal()
                    .element_formatter(Box::new(|bar, _| bar.name.clone())),
            );
        });
    measured_on_first_frame(ui, response.response.id);
    let row_at = |pos: egui::Pos2| -> Option<&Row> {
        let y = response.transform.value_from_position(pos).y.round();
        (y >= 0.0 && (y as usize) < n).then(|| &rows[n - 1 - y as usize])
    };
    let mut plot = response.response.clone();
    if let Some(row) = plot.hover_pos().and_then(row_at) {
        if row.filter.is_some() {
            plot = plot.on_hover_cursor(egui::CursorIcon::PointingHand);
        }
        plot = plot.on_hover_text_at_pointer(format!("{}\n{}", row.label, row.figures));
    }
    // Named for assistive technology (and tests) after the chart: "分产业签约投资 图".
    plot.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, format!("{title} 图")));
    if plot.clicked()
        && let Some(filter) = plot
            .interact_pointer_pos()
            .and_then(row_at)
            .and_then(|r| r.filter)
    {
        open_ledger(actions, filter);
    }
}

/// The figures under a chart, with a button per row that opens its projects.
fn rows_list_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    rows: &[Row],
    figures_header: &str,
    actions: &mut Actions,
) {
    egui::Grid::new("chart_rows")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            ui.strong(state.t(T::ChartNameHeader));
            ui.strong(figures_header);
            ui.label("");
            ui.end_row();
            for row in rows {
                ui.label(row.label);
                ui.label(&row.figures);
                match row.filter {
                    Some(filter) => {
                        if ui
                            .small_button(state.t(T::ShowProjects))
                            .on_hover_text(row.label)
                            .clicked()
                        {
                            open_ledger(actions, filter);
                        }
                    }
                    None => {
                        ui.label("");
                    }
                }
                ui.end_row();
            }
        });
}

fn funnel_ui(ui: &mut egui::Ui, state: &AppState, charts: &Charts, actions: &mut Actions) {
    let lang = state.lang;
    let rows: Vec<Row> = charts
        .funnel
        .iter()
        .map(|step| Row {
            label: &step.label,
            value: step.reached.count as f64,
            figures: funnel_figures(step, lang),
            filter: step.filter.as_ref(),
        })
        .collect();
    horizontal_bars_ui(
        ui,
        ChartKind::Funnel.title(lang),
        &rows,
        state.t(T::FunnelAxis),
        actions,
    );
    ui.weak(state.t(T::FunnelNote));
    rows_list_ui(ui, state, &rows, state.t(T::FunnelFiguresHeader), actions);
}

fn monthly_ui(ui: &mut egui::Ui, lang: Lang, charts: &Charts, actions: &mut Actions) {
    monthly_bars_ui(ui, lang, &charts.monthly, actions);
    ui.add_space(8.0);
    cumulative_ui(ui, lang, &charts.monthly);
}

/// A month's name under the axis mark at `v`; nothing between whole months or outside the year.
fn axis_month_name(v: f64, lang: Lang) -> String {
    let r = v.round();
    if (v - r).abs() > 1e-6 || !(1.0..=12.0).contains(&r) {
        return String::new();
    }
    month_label(r as u32, lang)
}

/// A monthly bar's hover text: its month, investment and count.
fn month_hover(
    year_name: &str,
    month: usize,
    t: &crate::domain::query::Tally,
    lang: Lang,
) -> String {
    lang.t(T::ChartMonthHover)
        .replace("{year}", year_name)
        .replace("{mm}", &format!("{:02}", month + 1))
        .replace("{m}", &(month + 1).to_string())
        .replace("{amount}", &yi_rounded(t.amount_cny, 2))
        .replace("{count}", &t.count.to_string())
}

/// Both years' bars side by side, month by month (last year left of the month's centre, this
/// year right of it); a click on a bar opens its projects in the ledger.
fn monthly_bars_ui(ui: &mut egui::Ui, lang: Lang, m: &Monthly, actions: &mut Actions) {
    let months = m.months as usize;
    let (this_name, last_name) = year_names(m.year, lang);
    let bars = |tallies: &[crate::domain::query::Tally], offset: f64, name: &str, fill| {
        tallies
            .iter()
            .enumerate()
            .map(|(i, t)| {
                Bar::new(i as f64 + 1.0 + offset, yi(t.amount_cny.max(0)))
                    .width(0.38)
                    .name(month_hover(name, i, t, lang))
                    .fill(fill)
            })
            .collect::<Vec<Bar>>()
    };
    let last = bars(&m.last_year, -0.2, &last_name, LAST_YEAR);
    let this = bars(&m.this_year[..months], 0.2, &this_name, THIS_YEAR);
    let top = plot_top(m.monthly_peak(), 1.15);
    ui.label(lang.t(T::MonthlyBarsTitle));
    let response = fixed_plot("chart_monthly", [0.4, 12.6], top, lang)
        .height(260.0)
        .legend(Legend::default().position(egui_plot::Corner::RightTop))
        .show(ui, |plot_ui| {
            plot_ui.set_plot_bounds(PlotBounds::from_min_max([0.4, 0.0], [12.6, top]));
            for (name, bars, color) in
                [(&last_name, last, LAST_YEAR), (&this_name, this, THIS_YEAR)]
            {
                plot_ui.bar_chart(
                    BarChart::new(name.clone(), bars)
                        .color(color)
                        .element_formatter(Box::new(|bar, _| bar.name.clone())),
                );
            }
        });
    measured_on_first_frame(ui, response.response.id);
    let plot = response.response;
    plot.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Image,
            true,
            format!("{} 图", lang.t(T::MonthlyBarsTitle)),
        )
    });
    // Last year's bar is left of the month's centre, this year's right of it.
    let month_at = |pos: egui::Pos2| -> Option<(bool, u32)> {
        let x = response.transform.value_from_position(pos).x;
        let month = x.round();
        let this_year = x >= month;
        let shown = if this_year { months as f64 } else { 12.0 };
        (1.0..=shown)
            .contains(&month)
            .then_some((this_year, month as u32))
    };
    let mut plot = plot;
    if plot.hover_pos().and_then(month_at).is_some() {
        plot = plot.on_hover_cursor(egui::CursorIcon::PointingHand);
    }
    if plot.clicked()
        && let Some((this_year, month)) = plot.interact_pointer_pos().and_then(month_at)
        && let Some(filter) = m.month_filter(this_year, month)
    {
        open_ledger(actions, &(filter, None));
    }
}

/// egui_plot learns its axes' width on a plot's first frame (its memory starts at none), so
/// the first frame of a newly shown chart lays the bars out for axes of no width and can draw
/// the tallest above the frame. That frame is measured, then discarded and drawn again.
fn measured_on_first_frame(ui: &egui::Ui, plot: egui::Id) {
    let seen = plot.with("measured");
    if !ui.ctx().data(|d| d.get_temp::<bool>(seen).unwrap_or(false)) {
        ui.ctx().data_mut(|d| d.insert_temp(seen, true));
        ui.ctx()
            .request_discard("a chart's axes were measured on its first frame");
    }
}

/// A plot that neither pans nor zooms, whose bounds are the months and `0..top` from its first
/// frame on (given as its starting bounds too, so the first frame cannot fit the data itself and
/// draw the tallest bar above the frame), with months on the x axis.
fn fixed_plot(id: &str, x: [f64; 2], top: f64, lang: Lang) -> Plot<'static> {
    Plot::new(id)
        .default_x_bounds(x[0], x[1])
        .default_y_bounds(0.0, top)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .x_grid_spacer(whole_marks)
        .x_axis_formatter(move |mark, _| axis_month_name(mark.value, lang))
        .y_axis_min_width(48.0)
}

/// Both years' running totals, and the annual target as a dashed line.
fn cumulative_ui(ui: &mut egui::Ui, lang: Lang, m: &Monthly) {
    let (this_name, last_name) = year_names(m.year, lang);
    let cumulative = |values: Vec<i64>| -> PlotPoints<'static> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| [i as f64 + 1.0, yi(*v)])
            .collect::<Vec<_>>()
            .into()
    };
    let this_cum = m.cumulative(true);
    let last_cum = m.cumulative(false);
    let target = m.annual_target.map(yi);
    let top = plot_top(m.cumulative_peak(), 1.12);
    ui.label(lang.t(T::CumulativeTitle));
    let running = |year_name: &str| {
        lang.t(T::ChartSeriesRunningTotal)
            .replace("{year}", year_name)
    };
    let target_name = m
        .annual_target
        .map(|units| annual_target_label(units, lang));
    let response = fixed_plot("chart_cumulative", [0.6, 12.4], top, lang)
        .height(240.0)
        .legend(Legend::default().position(egui_plot::Corner::RightBottom))
        .label_formatter(move |hover| match hover {
            egui_plot::HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } => Some(
                lang.t(T::ChartPointHover)
                    .replace("{name}", plot_name)
                    .replace("{month}", &axis_month_name(position.x, lang))
                    .replace("{amount}", &format!("{:.2}", position.y)),
            ),
            egui_plot::HoverPosition::Elsewhere { .. } => None,
        })
        .show(ui, |plot_ui| {
            plot_ui.set_plot_bounds(PlotBounds::from_min_max([0.6, 0.0], [12.4, top]));
            plot_ui.line(
                Line::new(running(&last_name), cumulative(last_cum))
                    .color(LAST_YEAR)
                    .width(2.5),
            );
            plot_ui.line(
                Line::new(running(&this_name), cumulative(this_cum))
                    .color(THIS_YEAR)
                    .width(2.5),
            );
            if let (Some(value), Some(name)) = (target, target_name) {
                plot_ui.hline(
                    HLine::new(name, value)
                        .color(TARGET)
                        .style(LineStyle::dashed_loose())
                        .width(1.5),
                );
            }
        });
    measured_on_first_frame(ui, response.response.id);
}

impl super::ScreenView for ChartsView {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut super::ViewContext<'_>) {
        self.show_ui(ui, cx.state, cx.period, cx.dialogs, cx.actions);
    }
}
