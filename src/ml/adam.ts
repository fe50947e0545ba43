import * as tf from '@tensorflow/tfjs';

/**
 * Adam (Kingma & Ba) with tfjs's defaults (β1 0.9, β2 0.999, ε 1e-7), applied to gradients computed by
 * `mlpGradients`. Its own few lines rather than `tf.train.adam`, because that optimizer only accepts
 * gradients from its own tape-based `minimize`.
 */
export class Adam {
  readonly #m: tf.Variable[];
  readonly #v: tf.Variable[];
  #t = 0;

  constructor(
    readonly variables: readonly tf.Variable[],
    readonly learningRate: number,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly epsilon = 1e-7,
  ) {
    const zeros = () =>
      variables.map((v) => {
        // tf.variable takes over the tensor's data; the tensor itself is disposed.
        const initial = tf.zerosLike(v);
        const variable = tf.variable(initial, false);
        initial.dispose();
        return variable;
      });
    this.#m = zeros();
    this.#v = zeros();
  }

  /** One update. Call inside `tf.tidy` (the gradients are its tensors). */
  apply(grads: readonly tf.Tensor[]): void {
    this.#t++;
    const { beta1, beta2, epsilon } = this;
    // Bias correction folded into the step size, as tfjs and the paper's section 2 do.
    const step = (this.learningRate * Math.sqrt(1 - beta2 ** this.#t)) / (1 - beta1 ** this.#t);
    this.variables.forEach((w, i) => {
      const g = grads[i]!;
      const m = this.#m[i]!;
      const v = this.#v[i]!;
      m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
      v.assign(tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2)));
      w.assign(tf.sub(w, tf.mul(tf.div(m, tf.add(tf.sqrt(v), epsilon)), step)));
    });
  }

  dispose(): void {
    for (const t of [...this.#m, ...this.#v]) t.dispose();
  }
}
