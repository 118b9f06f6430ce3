SELECT ${x};
