/** Limits shared by the server's validation and the client's forms. */
export const limits = {
  usernameMin: 3,
  usernameMax: 30,
  displayNameMax: 40,
  emailMax: 254,
  passwordMin: 8,
  // Bounded so a huge password cannot make hashing a denial-of-service vector.
  passwordMax: 256,
} as const;

export const supportedLocales = ['ko', 'en'] as const;
