import * as tf from '@tensorflow/tfjs';

/**
 * Adam (Kingma & Ba) with tfjs's defaults (β1 0.9, β2 0.999, ε 1e-7), applied to gradients computed by
 * `mlpGradients`. Its own few lines rather than `tf.train.adam`, for two reasons: that optimizer accepts
 * only gradients from its own tape-based `minimize`, and it updates each variable with its own ~11 ops.
 * Here the moments of all parameters live in one flat vector, so a step is one concat, the moment updates
 * once, one split and a subtraction per variable: about a quarter of the ops, which is what costs on wasm.
 */
export class Adam {
  readonly #m: tf.Variable;
  readonly #v: tf.Variable;
  readonly #sizes: number[];
  #t = 0;

  constructor(
    readonly variables: readonly tf.Variable[],
    readonly learningRate: number,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly epsilon = 1e-7,
  ) {
    this.#sizes = variables.map((v) => v.size);
    const total = this.#sizes.reduce((a, b) => a + b, 0);
    // tf.variable takes over the tensor's data; the tensor itself is then disposed.
    const zeros = () => {
      const initial = tf.zeros([total]);
      const variable = tf.variable(initial, false);
      initial.dispose();
      return variable;
    };
    this.#m = zeros();
    this.#v = zeros();
  }

  /** One update. Call inside `tf.tidy` (the gradients are its tensors). */
  apply(grads: readonly tf.Tensor[]): void {
    this.#t++;
    const { beta1, beta2, epsilon } = this;
    // Bias correction folded into the step size, as tfjs and the paper's section 2 do.
    const step = (this.learningRate * Math.sqrt(1 - beta2 ** this.#t)) / (1 - beta1 ** this.#t);
    const g = tf.concat(grads.map((t) => tf.reshape(t, [-1])));
    this.#m.assign(tf.add(tf.mul(this.#m, beta1), tf.mul(g, 1 - beta1)));
    this.#v.assign(tf.add(tf.mul(this.#v, beta2), tf.mul(tf.square(g), 1 - beta2)));
    const update = tf.mul(tf.div(this.#m, tf.add(tf.sqrt(this.#v), epsilon)), step);
    tf.split(update, this.#sizes).forEach((part, i) => {
      const w = this.variables[i]!;
      w.assign(tf.sub(w, tf.reshape(part, w.shape)));
    });
  }

  dispose(): void {
    this.#m.dispose();
    this.#v.dispose();
  }
}
