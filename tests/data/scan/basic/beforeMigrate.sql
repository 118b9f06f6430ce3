SELECT 'before';
