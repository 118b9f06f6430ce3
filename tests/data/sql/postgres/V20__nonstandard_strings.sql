-- Written for an old server where backslash escapes were the default.
SET standard_conforming_strings = off;
INSERT INTO legacy VALUES ('it\'s; old style', 'C:\\temp\\');
INSERT INTO legacy VALUES ('second\'; row', '');
RESET standard_conforming_strings;
INSERT INTO legacy VALUES ('C:\', 'standard again');
