// Throwing a non-error value reports it with Node's formatting.
throw { code: 42, reason: "custom" };
