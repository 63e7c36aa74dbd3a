//! The app's input: keys from the top popup to the active tab to the global keys, pasted text,
//! the mouse, and the filter line.

use super::*;

impl App {
    /// True when `key` starts work that can take a while (the auto-fill's solver, up to its
    /// budget): the line that says so is then shown, for the screen to be drawn with it
    /// before the key is handled, so that the app never looks stuck. The key's own result
    /// replaces the line.
    pub fn working(&mut self, key: &KeyEvent) -> bool {
        if !self.popups.is_empty() || self.filter.is_some() || self.welcome {
            return false;
        }
        let scope = self.tabs[self.active].scope();
        if self.ctx.keys.lookup(scope, key) != Some(Action::AutoFill) {
            return false;
        }
        let seconds = crate::domain::schedule::FILL_BUDGET.as_secs();
        self.message = Some(self.ctx.tf("fill.working", &[("seconds", &seconds)]));
        true
    }

    pub fn on_key(&mut self, key: KeyEvent) {
        // What the last key said goes with the next one, so the key hints come back.
        self.message = None;
        // Ctrl-C leaves from anywhere, a form or a prompt included; it asks first when a form
        // holds what the owner typed.
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            let typed = self.popups.iter().any(|p| matches!(p, Popup::Form { form, .. } if form.changed()));
            let asking = matches!(self.popups.last(), Some(Popup::Confirm { then, .. }) if *then == Command::Quit);
            if typed && !asking {
                let message = self.ctx.t("confirm.quit_unsaved").to_string();
                self.popups.push(Popup::Confirm { message, then: Command::Quit });
            } else {
                self.quit = true;
            }
            return;
        }
        if let Some(popup) = self.popups.last_mut() {
            match popup.handle_key(key, &self.ctx) {
                None => {
                    if let Popup::Form { spec, form } = popup
                        && spec.refresh(form, &self.store, &self.ctx, false)
                    {
                        self.pending_form = Some(Instant::now());
                    }
                }
                // A search still to run first: the owner sees what it finds before Enter acts.
                Some(Outcome::Run(Command::Submit(_))) if self.pending_form.is_some() => self.settle_form(),
                Some(Outcome::Run(cmd @ Command::Submit(_))) => self.run(cmd),
                Some(outcome) => {
                    self.popups.pop();
                    self.apply(outcome);
                }
            }
            return;
        }
        if self.filter.is_some() {
            self.filter_key(key);
            return;
        }
        if self.welcome
            && let Some(action) = self.ctx.keys.lookup(Scope::Welcome, &key)
        {
            match action {
                Action::LoadDemo => self.run(Command::Change(load_demo())),
                _ => self.run(Command::OpenForm(Spec::new(super::tabs::reps::forms::RepForm(None)))),
            }
            return;
        }
        if !self.welcome {
            let scope = self.tabs[self.active].scope();
            if let Some(action) = self.ctx.keys.lookup(scope, &key).or_else(|| self.ctx.keys.lookup(Scope::List, &key))
            {
                if action == Action::Filter {
                    let mut input = TextArea::from([self.tabs[self.active].filter().to_string()]);
                    input.move_cursor(ratatui_textarea::CursorMove::End);
                    self.filter = Some(input);
                    return;
                }
                match self.tabs[self.active].handle(action, &self.store, &self.ctx) {
                    Ok(Outcome::Ignored) => {}
                    Ok(outcome) => return self.apply(outcome),
                    Err(e) => return self.message = Some(service::error::sentence(&e, self.ctx.cat, &|_| None)),
                }
            }
        }
        if let Some(action) = self.ctx.keys.lookup(Scope::Global, &key) {
            self.global(action);
        }
    }

    /// Text that arrives at once: a paste, or what an input method committed (Chinese typed
    /// with pinyin, say). It goes into the field being typed in: a form's, or the filter's.
    pub fn on_paste(&mut self, text: &str) {
        if let Some(Popup::Form { form, spec }) = self.popups.last_mut() {
            form.insert_text(text);
            if spec.refresh(form, &self.store, &self.ctx, false) {
                self.pending_form = Some(Instant::now());
            }
        } else if let Some(input) = self.filter.as_mut() {
            input.insert_str(text.replace(['\r', '\n'], " "));
            self.pending_filter = Some(Instant::now());
        }
    }

    /// A click or the wheel. A click on a tab's name goes there; on a row, selects it, and on
    /// the selected row (a grid's selected cell) does what Enter does; on a form's field, moves
    /// there, and on a focused choice, takes the next. The wheel moves through lists, the
    /// detail, help and the history.
    pub fn on_mouse(&mut self, event: MouseEvent) {
        let (x, y) = (event.column, event.row);
        let key = |code: KeyCode| KeyEvent::new(code, KeyModifiers::NONE);
        match event.kind {
            // The wheel moves by actions, not keys: whatever the keys are bound to, it scrolls.
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = event.kind == MouseEventKind::ScrollDown;
                if let Some(popup) = self.popups.last_mut() {
                    popup.scroll(down, 3);
                } else if !self.welcome && self.filter.is_none() {
                    for _ in 0..3 {
                        self.act(if down { Action::Down } else { Action::Up });
                    }
                }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                if let Some(Popup::Form { form, .. }) = self.popups.last_mut() {
                    let inner =
                        crate::tui::popup::centered(self.body.get(), crate::tui::widgets::form::WIDTH, form.height())
                            .inner(Margin::new(1, 1));
                    if inner.contains(Position { x, y })
                        && let Some(i) = form.field_at(y - inner.y, inner.height)
                        && form.focus(i)
                    {
                        form.next_choice();
                    }
                    return;
                }
                let target = self.targets.borrow().iter().find(|(r, _)| r.contains(Position { x, y })).map(|(_, t)| *t);
                if let (Some(target), Some(popup)) = (target, self.popups.last_mut()) {
                    if let Some(outcome) = popup.click(target, &self.ctx) {
                        self.popups.pop();
                        self.apply(outcome);
                    }
                    return;
                }
                if !self.popups.is_empty() || self.filter.is_some() {
                    return;
                }
                let clicked_tab = self.tab_x.borrow().iter().position(|(a, b)| y == 0 && (*a..=*b).contains(&x));
                if let Some(i) = clicked_tab {
                    return self.go(i);
                }
                if self.welcome {
                    return;
                }
                let tab = &self.tabs[self.active];
                let Some((row, column)) = tab.cell_at(x, y) else { return };
                let (at_row, at_column) = tab.cursor();
                if (row, column.or(at_column)) == (at_row, at_column) {
                    // What Enter does on this screen by default (open, edit), whatever it is bound to now.
                    let enter = crate::tui::keymap::KeyMap::default().lookup(tab.scope(), &key(KeyCode::Enter));
                    if let Some(action) = enter {
                        self.act(action);
                    }
                    return;
                }
                if column.is_none() && self.tabs[self.active].select_row(row, &self.store) {
                    return;
                }
                let step = |n: usize, action: Action, app: &mut App| (0..n).for_each(|_| app.act(action));
                if row > at_row {
                    step(row - at_row, Action::Down, self);
                } else {
                    step(at_row - row, Action::Up, self);
                }
                if let (Some(c), Some(at)) = (column, at_column) {
                    if c > at {
                        step(c - at, Action::Right, self);
                    } else {
                        step(at - c, Action::Left, self);
                    }
                }
            }
            _ => {}
        }
    }

    fn filter_key(&mut self, key: KeyEvent) {
        let Some(input) = self.filter.as_mut() else { return };
        let text = input.lines().first().cloned().unwrap_or_default();
        match self.ctx.keys.lookup(Scope::Filter, &key) {
            Some(Action::Submit) => {
                self.filter = None;
                self.apply_filter(&text);
            }
            Some(Action::Back) => {
                self.filter = None;
                self.apply_filter("");
            }
            _ => {
                input.input(key);
                let text = input.lines().first().cloned().unwrap_or_default();
                // A search of the store waits for a pause in the typing, so every key stays quick.
                if self.tabs[self.active].filter_searches_store() {
                    self.pending_filter = Some(Instant::now());
                } else {
                    self.apply_filter(&text);
                }
            }
        }
    }
}
