//! Horizontal bars (every chart but the monthly one) and the funnel drawn as bars.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{ChartError, INK, MUTED, THIS_YEAR, axis_number, draw_error, font};
use crate::i18n::{Lang, T};
use crate::report::chart_labels::funnel_figures;
use crate::report::charts::FunnelStep;

/// One horizontal bar: its category label, length, and the text written after it.
pub(super) struct Row {
    pub(super) label: String,
    pub(super) value: f64,
    pub(super) text: String,
}

/// Horizontal bars, first row at the top, with the category labels on the left and the exact
/// figures after each bar.
pub(super) fn horizontal_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[Row],
    axis: &str,
    s: f64,
    money_axis: bool,
) -> Result<(), ChartError> {
    let n = rows.len();
    let label_style = font(16.0 * s).color(&INK);
    let value_style = font(15.0 * s)
        .color(&INK)
        .pos(Pos::new(HPos::Left, VPos::Center));
    // The widest of the rows' texts in a style, in pixels.
    let widest = |text: fn(&Row) -> &str, style: &TextStyle| -> Result<u32, ChartError> {
        let widths = rows
            .iter()
            .map(|r| area.estimate_text_size(text(r), style).map(|(w, _)| w))
            .collect::<Result<Vec<_>, _>>()
            .map_err(draw_error)?;
        Ok(widths.into_iter().max().unwrap_or(0))
    };
    let label_width = widest(|r| &r.label, &label_style)?;
    let text_width = widest(|r| &r.text, &value_style)?;
    let (aw, _) = area.dim_in_pixel();
    let left = label_width + (20.0 * s) as u32;
    let margin = (24.0 * s) as u32;
    // The longest bar ends where the widest figure still fits before the right edge.
    let plot_width = aw.saturating_sub(left + 2 * margin).max(1) as f64;
    let room = ((plot_width - text_width as f64 - 12.0 * s) / plot_width).clamp(0.3, 0.9);
    let max = rows.iter().map(|r| r.value).fold(0.0, f64::max);
    let top = if max > 0.0 { max / room } else { 1.0 };
    // Row j (0 at the bottom) is centred on y = j; the category labels are drawn beside the
    // plot by hand, which works for any number of rows, one included.
    let mut chart = ChartBuilder::on(area)
        .margin(margin)
        .x_label_area_size((44.0 * s) as u32)
        .y_label_area_size(left)
        // At least six rows' room, so one or two bars are not drawn as slabs; rows stay on top.
        .build_cartesian_2d(
            0.0..top,
            (n as f64 - 0.5 - n.max(6) as f64)..(n as f64 - 0.5),
        )
        .map_err(draw_error)?;
    let number = |v: &f64| {
        if money_axis {
            axis_number(*v, top)
        } else {
            format!("{v:.0}")
        }
    };
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(8)
        .x_label_formatter(&number)
        .x_desc(axis)
        .label_style(font(15.0 * s).color(&INK))
        .axis_desc_style(font(15.0 * s).color(&MUTED))
        .light_line_style(TRANSPARENT)
        .bold_line_style(RGBColor(0xdd, 0xdd, 0xdd))
        .draw()
        .map_err(draw_error)?;
    let row_y = |i: usize| (n - 1 - i) as f64;
    chart
        .draw_series(rows.iter().enumerate().map(|(i, r)| {
            Rectangle::new(
                [(0.0, row_y(i) - 0.32), (r.value, row_y(i) + 0.32)],
                THIS_YEAR.filled(),
            )
        }))
        .map_err(draw_error)?;
    chart
        .draw_series(rows.iter().enumerate().map(|(i, r)| {
            EmptyElement::at((r.value, row_y(i)))
                + Text::new(r.text.clone(), ((8.0 * s) as i32, 0), value_style.clone())
        }))
        .map_err(draw_error)?;
    let (x0, y0) = area.get_base_pixel();
    let label_anchor = label_style.pos(Pos::new(HPos::Right, VPos::Center));
    for (i, r) in rows.iter().enumerate() {
        let (bx, by) = chart.backend_coord(&(0.0, row_y(i)));
        area.draw_text(
            &r.label,
            &label_anchor,
            (bx - x0 - (10.0 * s) as i32, by - y0),
        )
        .map_err(draw_error)?;
    }
    Ok(())
}

pub(super) fn funnel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    steps: &[FunnelStep],
    lang: Lang,
    s: f64,
) -> Result<(), ChartError> {
    let rows: Vec<Row> = steps
        .iter()
        .map(|step| Row {
            label: step.label.clone(),
            value: step.reached.count as f64,
            text: funnel_figures(step, lang),
        })
        .collect();
    let axis = lang.t(T::ChartFunnelAxis);
    horizontal_bars(area, &rows, axis, s, false)
}
