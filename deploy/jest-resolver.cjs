// kubernetes-models and some of its dependencies are published as ES modules only (exports with the
// `import` condition alone): what Jest's CommonJS resolution cannot find is resolved with that condition.
module.exports = (request, options) => {
  try {
    return options.defaultResolver(request, options);
  } catch {
    return options.defaultResolver(request, { ...options, conditions: ['import', 'node', 'default'] });
  }
};
