SELECT 'note';
