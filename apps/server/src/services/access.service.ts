import { DomainError, NotFoundError } from '../errors.js';
import type { ConnectionRequestRow } from '../models/connection-request.repository.js';
import type { Membership } from '../models/couple.repository.js';
import type { Repositories } from '../models/repositories.js';
import type { AuthContext } from './session.service.js';

/**
 * The one choke point to couple-scoped data (DESIGN.md invariant 1): services get a couple id only
 * from here, never from the request, so no request can name another couple's data.
 */
export class AccessService {
  constructor(private readonly repos: Pick<Repositories, 'couples' | 'connectionRequests'>) {}

  /** The user's couple while they have one (active or ending). */
  findCouple(userId: string): Promise<Membership | undefined> {
    return this.repos.couples.findMembership(userId);
  }

  requireCouple(auth: AuthContext): Promise<Membership> {
    return this.requireCoupleOf(auth.user.id);
  }

  /** For the WebSocket, which knows the user but holds no request. */
  async requireCoupleOf(userId: string): Promise<Membership> {
    const membership = await this.findCouple(userId);
    if (!membership) {
      throw new DomainError('not_in_couple', 'You are not connected with a partner.');
    }
    return membership;
  }

  /** A connection request the user sent or received; anyone else's is "not found". */
  async requireRequest(auth: AuthContext, requestId: string): Promise<ConnectionRequestRow> {
    const request = await this.repos.connectionRequests.findInvolving(auth.user.id, requestId);
    if (!request) throw new NotFoundError('No such connection request.');
    return request;
  }
}
