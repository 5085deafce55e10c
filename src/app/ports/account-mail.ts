/**
 * Messages about a person's account (an invitation, a password reset link). The link is a path on
 * the web app (`/#/accept-invitation?token=…`); the mailer prefixes the public address it serves.
 * Until a tenant has SMTP settings, the default mailer sends nothing and says so: invitations are
 * still handed to the admin who made them, and an admin can hand out a reset link the same way.
 */
export interface AccountMessage {
  tenantId: string;
  to: string;
  name: string;
  kind: 'invitation' | 'password_reset';
  path: string;
  expiresAt: string;
}

export interface AccountMailer {
  /** Queues or sends the message; `false` when the tenant cannot send email yet. */
  send(message: AccountMessage): Promise<boolean>;
}
