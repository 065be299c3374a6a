// A promise rejected with no handler is reported after the job queue drains.
Promise.reject(new RangeError("nobody listens"));
