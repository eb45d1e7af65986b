//! Draw: paints the screens that are up into a ratatui frame, bottom
//! first (the router's `layers`). Reads the app, never changes it.
//!
//! Body text is laid out by our own engine (`page`), and written cell by
//! cell with our one width function (`widgets::put_str`): in A=2 an
//! ambiguous character's cell carries a forced width of 2, so the backend
//! skips the cell it covers and text after it does not shift on terminals
//! that draw it wide.

use super::app::App;
use ratatui::Frame;

// The cell writers live in `widgets`; the backend's tests reach them here.
pub use super::widgets::{clear_edges, fill, put_right, put_str, uncover};

pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let styles = &app.styles;
    let buf = frame.buffer_mut();
    // The theme's text colours are the screen's (solarized sets a background).
    buf.set_style(area, styles.text);
    for slot in app.layers() {
        if let Some(c) = app.component(slot) {
            c.draw(&app.cx, buf, area);
        }
    }
}
