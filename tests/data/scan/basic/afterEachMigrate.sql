SELECT 'each';
