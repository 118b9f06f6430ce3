SELECT ${undefined};
