/** What went wrong, for code that reacts to it. */
export type ContactFormErrorCode = 'invalid_option';

/** The one error class of the example; messages start with the package name and hold no secret. */
export class ContactFormError extends Error {
  override readonly name = 'ContactFormError';
  readonly code: ContactFormErrorCode;

  constructor(code: ContactFormErrorCode, message: string, options?: ErrorOptions) {
    super(`@socialhub/example-contact-form: ${message}`, options);
    this.code = code;
  }
}
