//! Forms, command lines and files all hand over a record as text, field by field; a record
//! of text fields is declared once with this macro.

/// Declares a struct of `String` fields with a list of their names and access by name.
macro_rules! text_fields {
    ($(#[$meta:meta])* $name:ident, $names:ident { $($field:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        pub struct $name {
            $(pub $field: String,)+
        }

        /// The field names, in form order.
        pub const $names: &[&str] = &[$(stringify!($field)),+];

        impl $name {
            pub fn get(&self, field: &str) -> &str {
                match field {
                    $(stringify!($field) => &self.$field,)+
                    _ => "",
                }
            }

            /// Sets the fields that were given (a command line's flags); the rest stay.
            pub fn lay_over(&mut self, given: &[(&str, &Option<String>)]) {
                for (field, value) in given {
                    if let (Some(v), Some(slot)) = (value, self.get_mut(field)) {
                        *slot = v.clone();
                    }
                }
            }

            pub fn get_mut(&mut self, field: &str) -> Option<&mut String> {
                match field {
                    $(stringify!($field) => Some(&mut self.$field),)+
                    _ => None,
                }
            }
        }
    };
}

pub(crate) use text_fields;
