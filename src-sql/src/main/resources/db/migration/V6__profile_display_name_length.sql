-- SPEC §4: a display name is at most 80 characters. The API refuses longer names and cuts names
-- taken from token claims; this makes it a rule of the data whatever code writes the row.
-- char_length counts characters (code points), as the Java check does.
alter table profiles
    add constraint profiles_display_name_length check (char_length(display_name) <= 80);
