//! Drawing the frame: the tab bar, the active screen or the welcome, the key hints, the popups.

use super::*;

impl App {
    fn render_tab_bar(&self, area: Rect, buf: &mut Buffer) {
        // A file that may only be read says so where the eye goes first.
        let banner =
            if self.store.read_only() { format!("{} · ", self.ctx.t("status.read_only")) } else { String::new() };
        let right = format!("{banner}{} · ⚑ {} ", self.ctx.cat.day(self.ctx.today()), self.risk_count);
        let room = (area.width as usize).saturating_sub(right.width());
        // From the fullest bar to the tersest, the first that fits: brand and full names,
        // full names, short names, numbers. The active tab always shows its full name.
        let mut chosen = Vec::new();
        for (brand, names, pad) in
            [(true, Names::Full, " "), (false, Names::Full, " "), (false, Names::Short, ""), (false, Names::None, "")]
        {
            let mut spans = Vec::new();
            if brand {
                spans.push(Span::styled(" repdesk ", theme::header()));
            }
            for (i, tab) in Tab::iter().enumerate() {
                let active = i == self.active && !self.welcome;
                let label = match names {
                    _ if active => tab.title(self.ctx.cat),
                    Names::Full => tab.title(self.ctx.cat),
                    Names::Short => tab.short_title(self.ctx.cat),
                    Names::None => "",
                };
                let text =
                    if label.is_empty() { format!(" {}", i + 1) } else { format!("{pad} {} {label}{pad}", i + 1) };
                spans.push(Span::styled(
                    text,
                    if active { theme::active_tab() } else { ratatui::style::Style::default() },
                ));
            }
            let width: usize = spans.iter().map(|s| s.content.width()).sum();
            chosen = spans;
            if width <= room {
                break;
            }
        }
        let [left_area, right_area] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(right.width() as u16)]).areas(area);
        // Each tab's span is the last seven; what comes before is the brand.
        let mut x = left_area.x;
        let mut spans_x = Vec::new();
        let skip = chosen.len().saturating_sub(self.tabs.len());
        for (i, span) in chosen.iter().enumerate() {
            let w = span.content.width() as u16;
            if i >= skip {
                spans_x.push((x, x + w.saturating_sub(1)));
            }
            x += w;
        }
        *self.tab_x.borrow_mut() = spans_x;
        Line::from(chosen).render(left_area, buf);
        let risk_style = if self.risk_count > 0 { theme::warn() } else { theme::dim() };
        Line::from(Span::styled(right, risk_style)).right_aligned().render(right_area, buf);
    }

    fn render_footer(&self, area: Rect, buf: &mut Buffer) {
        if let Some(input) = &self.filter {
            let label = format!(" {} ", self.ctx.t("filter.prompt"));
            let [l, rest] =
                Layout::horizontal([Constraint::Length(label.width() as u16), Constraint::Fill(1)]).areas(area);
            Span::styled(label, theme::key()).render(l, buf);
            let mut input = input.clone();
            input.set_cursor_line_style(ratatui::style::Style::default());
            input.render(rest, buf);
            return;
        }
        let message = self.message.clone().unwrap_or_default();
        // A message longer than the line takes the footer's lines, wrapped: its end is never lost.
        if area.height > 1 || message.width() as u16 + 1 > area.width {
            let lines = crate::tui::widgets::wrap(&message, area.width as usize, area.height.max(1) as usize);
            let lines: Vec<Line> = lines.into_iter().map(|l| Line::styled(l, theme::accent())).collect();
            Paragraph::new(lines).render(area, buf);
            return;
        }
        // A message longer than half the line (an error, usually) takes the whole line.
        let message_width =
            if message.width() as u16 + 2 > area.width / 2 { area.width } else { message.width() as u16 + 2 };
        let [hints_area, message_area] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(message_width)]).areas(area);
        // Whole hints only, as many as fit, and the key to help always last: the rest are there.
        let hints: Vec<(bool, [Span; 2])> = self
            .ctx
            .keys
            .bindings_of(&self.scopes())
            .into_iter()
            .filter(|b| b.hint)
            .map(|b| {
                let pair = [
                    Span::styled(format!(" {}", b.key_label()), theme::key()),
                    Span::raw(format!(" {} ", self.ctx.t(b.label))),
                ];
                (b.action == Action::Help, pair)
            })
            .collect();
        let width = |pair: &[Span; 2]| pair.iter().map(|s| s.content.width()).sum::<usize>();
        let help: Vec<&[Span; 2]> = hints.iter().filter(|(h, _)| *h).map(|(_, p)| p).collect();
        let mut room = (hints_area.width as usize).saturating_sub(help.iter().map(|p| width(p)).sum());
        let mut spans = Vec::new();
        for (_, pair) in hints.iter().filter(|(h, _)| !*h) {
            if width(pair) > room {
                break;
            }
            room -= width(pair);
            spans.extend(pair.iter().cloned());
        }
        spans.extend(help.into_iter().flat_map(|p| p.iter().cloned()));
        Line::from(spans).render(hints_area, buf);
        // One too long for the line keeps its start, where it says what happened.
        let shown = crate::tui::widgets::fit(&message, message_area.width as usize);
        Line::from(Span::styled(shown, theme::accent())).right_aligned().render(message_area, buf);
    }

    fn render_welcome(&self, area: Rect, buf: &mut Buffer) {
        let block =
            Block::bordered().title(Span::styled(format!(" {} ", self.ctx.t("welcome.title")), theme::header()));
        let mut lines =
            vec![Line::raw(self.ctx.t("welcome.intro")), Line::raw(""), Line::raw(self.ctx.t("welcome.steps"))];
        // The keys come from the key map, so this page can never promise a key that does nothing.
        for b in self.ctx.keys.bindings_of(&[Scope::Welcome, Scope::Global]).into_iter().filter(|b| b.hint) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<3}", b.key_label()), theme::key()),
                Span::raw(self.ctx.t(b.label).to_string()),
            ]));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(self.ctx.tf("welcome.file", &[("path", &self.store.path().display())]), theme::dim()));
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(block).render(area, buf);
    }
}

#[derive(Clone, Copy)]
enum Names {
    Full,
    Short,
    None,
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        // The footer grows to the lines a long message needs (at most three), so it is read whole.
        let said = self.message.as_deref().map_or(0, UnicodeWidthStr::width) as u16;
        let footer_lines = if self.filter.is_none() && said + 1 > area.width {
            let message = self.message.as_deref().unwrap_or_default();
            crate::tui::widgets::wrap(message, area.width as usize, 3).len() as u16
        } else {
            1
        };
        let [bar, body, footer] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1), Constraint::Length(footer_lines)])
                .areas(area);
        self.render_tab_bar(bar, buf);
        self.body.set(body);
        if self.welcome {
            self.render_welcome(body, buf);
        } else {
            self.tabs[self.active].render(body, buf, &self.ctx);
        }
        self.render_footer(footer, buf);
        let mut targets = Vec::new();
        for popup in &self.popups {
            targets.clear();
            popup.render(body, buf, &self.ctx, &mut targets);
        }
        *self.targets.borrow_mut() = targets;
        self.ctx.look.apply(buf);
    }
}
