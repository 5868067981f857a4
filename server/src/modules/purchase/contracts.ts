import { z } from 'zod';
import { ORDER_STATUSES } from './schema.ts';

export const FromRequisitionInput = z.object({
  requisitionId: z.number().int().positive(),
  deliveryDate: z.iso.date().optional(),
});

export const OrderQuery = z.object({
  canteenId: z.coerce.number().int().positive().optional(),
  status: z.enum(ORDER_STATUSES).optional(),
  open: z.enum(['0', '1']).optional().describe('1 = 只看未收完的 / only orders still to receive'),
});

export const SendInput = z.object({ channel: z.string().trim().min(1).max(40) });
export const CloseInput = z.object({ reason: z.string().trim().min(1, '请填写原因 / give a reason').max(500) });
