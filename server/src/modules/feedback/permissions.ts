import { definePermissions } from '../../core/permissions.ts';

/**
 * Diners answer and write to any canteen of their bureau (a diner of any unit may eat in any of them), so
 * their keys are checked without an organisation; the canteen side is scoped to the canteens its roles reach.
 * The public disclosure (阳光公示) needs no key: any signed-in user reads it.
 */
export const P = definePermissions([
  { key: 'feedback.survey.answer', zh: '参与满意度调查', en: 'Answer satisfaction surveys', roles: ['diner'] },
  { key: 'feedback.survey.read', zh: '查看满意度调查结果', en: 'View survey results',
    roles: ['canteen_head', 'hall_manager', 'head_chef', 'site_manager', 'bureau_leader'] },
  { key: 'feedback.survey.manage', zh: '发起、发布与结束满意度调查', en: 'Create, publish and close surveys', roles: ['canteen_head', 'hall_manager'] },
  { key: 'feedback.feedback.submit', zh: '提交意见建议', en: 'Send feedback to a canteen', roles: ['diner'] },
  { key: 'feedback.feedback.read', zh: '查看食堂收到的意见', en: "View a canteen's feedback",
    roles: ['canteen_head', 'hall_manager', 'head_chef', 'site_manager', 'bureau_leader'] },
  { key: 'feedback.feedback.reply', zh: '回复与关闭意见', en: 'Reply to and close feedback', roles: ['canteen_head', 'hall_manager'] },
] as const);
