//! The history popup (`H`): every change newest first, paged; Enter undoes the selected one
//! when no later change touched its rows.
