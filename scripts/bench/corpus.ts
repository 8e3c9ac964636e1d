/**
 * Deterministic synthetic handbooks for the benchmark (and seeds for the fuzz tests):
 * realistic specs with 5–40 steps, decisions, parallel branches, declared loops,
 * Chinese text, KPIs, a full lifecycle, history and a prose body with links.
 * The same seed always gives the same bytes.
 */
import { Document, isScalar, isSeq, visit } from 'yaml';
import { mulberry32 } from '../core/random.ts';

/** Seeded numbers for synthetic text (mulberry32). */
export const prng = mulberry32;

type Rng = () => number;
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const pickSome = <T>(rng: Rng, list: readonly T[], min: number, max: number): T[] => {
  const count = Math.min(list.length, int(rng, min, max));
  const copy = [...list];
  const out: T[] = [];
  for (let i = 0; i < count; i++) out.push(copy.splice(Math.floor(rng() * copy.length), 1)[0]!);
  return out;
};

const DEPARTMENTS: Array<[string, string, string]> = [
  ['general-office', '总经理办公室', "General Manager's Office"],
  ['operations', '运营管理部', 'Operations'],
  ['customer-service', '客服部', 'Customer Service'],
  ['quality', '品控部', 'Quality Control'],
  ['hr', '人力资源部', 'Human Resources'],
  ['finance', '财务部', 'Finance'],
  ['legal', '法务部', 'Legal'],
  ['sales', '销售部', 'Sales'],
  ['marketing', '市场部', 'Marketing'],
  ['rnd', '研发部', 'Research and Development'],
  ['manufacturing', '生产部', 'Manufacturing'],
  ['procurement', '采购部', 'Procurement'],
  ['it', '信息技术部', 'Information Technology'],
  ['admin', '行政部', 'Administration'],
  ['risk', '风险管理部', 'Risk Management'],
  ['logistics', '物流部', 'Logistics'],
];
const ROLE_KINDS: Array<[string, string, string]> = [
  ['director', '总监', 'Director'],
  ['manager', '经理', 'Manager'],
  ['supervisor', '主管', 'Supervisor'],
  ['specialist', '专员', 'Specialist'],
  ['clerk', '文员', 'Clerk'],
  ['analyst', '分析师', 'Analyst'],
];

export interface BenchOrg {
  departments: Array<{ id: string; name: string; nameEn: string }>;
  roles: Array<{ id: string; name: string; nameEn: string; department: string }>;
}

export function generateOrg(): BenchOrg {
  const departments = DEPARTMENTS.map(([id, name, nameEn]) => ({ id, name, nameEn }));
  const roles = DEPARTMENTS.flatMap(([dept, deptName, deptEn]) =>
    ROLE_KINDS.map(([kind, name, nameEn]) => ({ id: `${dept}-${kind}`, name: `${deptName.replace(/部|办公室$/, '')}${name}`, nameEn: `${deptEn} ${nameEn}`, department: dept })),
  );
  roles.unshift({ id: 'general-manager', name: '总经理', nameEn: 'General Manager', department: 'general-office' });
  return { departments, roles };
}

export function orgYaml(org: BenchOrg): string {
  return `# 组织注册表（基准测试生成）\n${toYaml(org)}`;
}

const SUBJECTS = ['客户投诉', '采购申请', '费用报销', '合同审批', '新员工入职', '年度预算', '产品研发立项', '供应商准入', '质量异常', '设备维修', '印章使用', '会议纪要', '培训计划', '绩效考核', '薪酬核算', '市场调研', '订单交付', '退换货', '数据分析', '文件共享', '请假申请', '公文流转', '资产盘点', '风险评估', '内部审计', '库存管理', '车辆使用', '办公用品', '招聘需求', '员工离职'];
const VERBS = ['接收', '登记', '审核', '复核', '分类', '评估', '分派', '调查', '核实', '审批', '签署', '执行', '验收', '归档', '通知', '回访', '汇总', '确认', '发布', '整改', '跟踪', '盘点', '对账', '报备'];
const OBJECTS = ['申请材料', '处理方案', '费用明细', '合同条款', '检验结果', '整改措施', '预算草案', '调研数据', '会议议程', '培训记录', '供应商资料', '客户反馈', '风险清单', '审计底稿', '出入库记录', '交付清单'];
const FORMS = ['申请表', '登记表', '审批单', '报告', '记录表', '通知单', '汇总表', '确认单', '清单', '评估表', '台账'];
const CONTROLS = ['信息完整，不遗漏关键细节', '金额超过5万元须总监审批', '须双人复核', '结果须经申请人确认', '超时自动提醒上级', '资料须加盖部门公章', '数据须与系统一致', '涉及合同须法务会签', '须留存书面记录', '保密信息不得外传'];
const TOOLS = ['OA 系统', 'ERP 系统', '客服系统', 'CRM 系统', '财务系统', '邮件', '企业微信', '共享盘', '质量管理系统'];
const DURATIONS = ['即时', '30m', '1h', '2h', '4小时内', '24小时内', '1个工作日内', '2个工作日内', '3个工作日内', '1 workday', '2 workdays', '30分钟内', '1d'];
const CONDITIONS: Array<[string, string]> = [['金额≤5万元', '金额>5万元'], ['资料齐全', '资料不全'], ['普通', '紧急或特急'], ['审核通过', '审核不通过'], ['国内业务', '海外业务'], ['一级问题', '二级或三级问题']];
const SENTENCES = [
  '本流程适用于公司各部门在日常经营中发生的同类事项，涉及多个部门协作时由归口管理部门牵头。',
  '各责任岗位应在时间要求内完成本岗位工作，逾期未完成的，由上级主管督办并记录原因。',
  '流程执行中产生的表单应在系统中留存，纸质材料按公司档案管理规定归档，保存期限不少于三年。',
  '遇到流程未覆盖的情形，由流程负责人组织相关部门讨论决定，并在下一次复盘时补充进流程。',
  '每月统计关键绩效指标，对未达标的指标分析原因，形成改进措施并跟踪落实。',
  '流程优化建议可由任何员工提出，经流程负责人评估后纳入持续优化阶段统一处理。',
  '涉及客户信息、财务数据等敏感内容时，应遵守公司信息安全规定，不得私自外传。',
  '新员工上岗前须完成本流程的培训，并通过考核后方可独立操作。',
];

export interface GeneratedSpec {
  id: string;
  category: 'business' | 'management' | 'information';
  /** Path relative to the handbook root, e.g. `processes/business/x.md`. */
  path: string;
  text: string;
}

/** Every spec id of a handbook of `count` specs, so specs can link up- and downstream. */
export function specId(index: number): string {
  return `${SUBJECT_IDS[index % SUBJECT_IDS.length]}-${index + 1}`;
}
const SUBJECT_IDS = ['complaint', 'purchase', 'expense', 'contract', 'onboarding', 'budget', 'rnd-project', 'supplier', 'quality-issue', 'repair', 'seal', 'minutes', 'training', 'performance', 'payroll', 'market-research', 'delivery', 'returns', 'data-analysis', 'file-sharing', 'leave', 'document-routing', 'asset-count', 'risk-assessment', 'audit', 'inventory', 'vehicle', 'office-supplies', 'recruiting', 'resignation'];
const CATEGORIES = ['business', 'management', 'information'] as const;

interface StepOut {
  id: string;
  name: string;
  kind?: 'approval' | 'decision';
  action: string;
  role: string;
  accountable?: string;
  consulted?: string[];
  informed?: string[];
  deadline: string;
  inputs?: string[];
  outputs: string[];
  controls: string[];
  tools?: string[];
  next?: string | string[];
  branches?: Array<{ when: string; to: string; loop?: boolean; outcome?: 'approved' | 'rejected' }>;
}

/** One realistic spec; `today` (YYYY-MM-DD) keeps review dates current. */
export function generateSpec(index: number, count: number, org: BenchOrg, seed = 1, links = true): GeneratedSpec & { stepIds: string[] } {
  const rng = prng(seed * 1_000_003 + index);
  const id = specId(index);
  const subject = SUBJECTS[index % SUBJECTS.length]!;
  const category = CATEGORIES[index % CATEGORIES.length]!;
  const department = pick(rng, org.departments).id;
  const deptRoles = org.roles.filter((role) => role.department === department).map((role) => role.id);
  const allRoles = org.roles.map((role) => role.id);
  const role = () => (rng() < 0.7 ? pick(rng, deptRoles) : pick(rng, allRoles));
  const form = () => `《${subject}${pick(rng, FORMS)}》`;

  // Step count skews to the middle of 5–40, as real handbooks do.
  const stepCount = Math.round(5 + 35 * ((rng() + rng()) / 2) ** 3.6);
  const steps: StepOut[] = [];
  const stepIds: string[] = [];
  for (let i = 0; i < stepCount; i++) stepIds.push(`s${i + 1}-${pick(rng, ['check', 'review', 'handle', 'record', 'notify', 'approve', 'verify', 'archive'])}`);
  let previousOutputs: string[] = [];
  let i = 0;
  while (i < stepCount) {
    const verb = pick(rng, VERBS);
    const object = pick(rng, OBJECTS);
    const outputs = [form()];
    const step: StepOut = {
      id: stepIds[i]!,
      name: `${object}${verb}`,
      action: `${pick(rng, ['负责人', '经办人', '责任岗位'])}${verb}${object}，${pick(rng, ['核对关键信息并在系统中记录', '按公司制度逐项检查', '与相关部门沟通确认后处理', '形成书面意见提交下一环节'])}。`,
      role: role(),
      deadline: i > 0 && rng() < 0.1 ? `30m after ${stepIds[i - 1]}` : pick(rng, DURATIONS),
      outputs,
      controls: pickSome(rng, CONTROLS, 1, rng() < 0.2 ? 2 : 1),
    };
    if (previousOutputs.length > 0) step.inputs = previousOutputs;
    if (rng() < 0.25) step.tools = pickSome(rng, TOOLS, 1, 2);
    if (rng() < 0.2) step.informed = pickSome(rng, allRoles, 1, 2);
    if (rng() < 0.1) step.consulted = pickSome(rng, allRoles, 1, 1);
    previousOutputs = outputs;
    const left = stepCount - i - 1;
    const shape = rng();
    if (left >= 3 && shape < 0.15) {
      // Parallel branches that meet again: i → (i+1, i+2) → i+3.
      step.next = [stepIds[i + 1]!, stepIds[i + 2]!];
      steps.push(step);
      for (const j of [i + 1, i + 2]) {
        steps.push({ id: stepIds[j]!, name: `${pick(rng, OBJECTS)}${pick(rng, VERBS)}`, action: `并行${pick(rng, VERBS)}${pick(rng, OBJECTS)}。`, role: role(), deadline: pick(rng, DURATIONS), inputs: outputs, outputs: [form()], controls: pickSome(rng, CONTROLS, 1, 1), next: stepIds[i + 3]! });
      }
      i += 3;
      continue;
    }
    if (left >= 2 && shape < 0.35) {
      // A decision that may skip a step: i → i+1 → i+2, or i → i+2.
      const [yes, no] = pick(rng, CONDITIONS);
      step.kind = 'decision';
      step.branches = [{ when: yes, to: stepIds[i + 1]! }, { when: no, to: stepIds[i + 2]! }];
    } else if (i >= 2 && left >= 1 && shape < 0.45) {
      // A declared loop back, e.g. documents incomplete → handle again.
      const [yes, no] = pick(rng, CONDITIONS);
      step.kind = 'decision';
      step.branches = [{ when: yes, to: stepIds[i + 1]! }, { when: no, to: stepIds[int(rng, 0, i - 1)]!, loop: true }];
    } else if (shape < 0.6 && left >= 1) {
      // Segregation of duties: neither approver did one of the steps that lead here.
      const before = new Set(steps.slice(-2).map((s) => s.role));
      const other = () => {
        let chosen = pick(rng, allRoles);
        while (before.has(chosen)) chosen = pick(rng, allRoles);
        return chosen;
      };
      step.kind = 'approval';
      step.role = other();
      step.accountable = other();
      // An approval can refuse: sent back to the step before it (which leads here), or to itself when it is the first.
      step.branches = [
        { when: '同意', outcome: 'approved', to: stepIds[i + 1]! },
        { when: '不同意，退回修改', outcome: 'rejected', to: steps.at(-1)?.id ?? step.id, loop: true },
      ];
    } else if (left >= 1) {
      step.next = stepIds[i + 1]!;
    }
    steps.push(step);
    i++;
  }

  const owner = pick(rng, deptRoles);
  // Signed off by someone other than the owner, after a review with someone from another department.
  const signer = pick(rng, allRoles.filter((role) => role !== owner));
  const outsider = pick(rng, org.roles.filter((role) => role.department !== department)).id;
  const reviewers = [...new Set([outsider, ...pickSome(rng, allRoles, 0, 2)])];
  // Reviewed between August and October 2026, next review five months later.
  const lastReview = `2026-${String(int(rng, 8, 10)).padStart(2, '0')}-${String(int(rng, 1, 20)).padStart(2, '0')}`;
  const nextReview = `2027-${String(Number(lastReview.slice(5, 7)) - 7).padStart(2, '0')}-${lastReview.slice(8)}`;
  const spec = {
    id,
    title: `${subject}管理流程（${index + 1}）`,
    titleEn: `${SUBJECT_IDS[index % SUBJECT_IDS.length]} process ${index + 1}`,
    category,
    department,
    owner,
    version: '1.0.1',
    status: 'published',
    goal: `规范${subject}的办理过程，明确各环节责任岗位与时间要求，保证事项按时办结、全程可追溯。`,
    summary: `从${subject}发起到办结归档的全过程。`,
    tags: pickSome(rng, ['效率', '合规', '客户', '成本', '质量', '安全'], 1, 3),
    scope: {
      start: `${subject}事项发起`,
      end: `${subject}办结并归档`,
      upstream: index > 0 && rng() < 0.5 ? [specId(int(rng, 0, index - 1))] : [],
      downstream: index + 1 < count && rng() < 0.5 ? [specId(int(rng, index + 1, count - 1))] : [],
      includes: [`公司各部门的${subject}事项`],
      excludes: ['子公司另有规定的事项'],
    },
    kpis: [
      { id: 'on-time-rate', name: `${subject}按时办结率`, target: `>= ${int(rng, 90, 99)}%`, frequency: '每月', source: 'OA 系统流程数据' },
      { id: 'error-count', name: '差错次数', target: `<= ${int(rng, 1, 5)} 次`, frequency: '每月' },
    ],
    steps,
    exceptions: Array.from({ length: int(rng, 1, 2) }, (_, k) => ({
      id: `exception-${k + 1}`,
      when: pick(rng, ['资料不全，无法继续办理', '责任岗位在截止时间前未完成', '系统故障无法登记', '申请人撤回申请']),
      action: '1 个工作日内通知相关人员补充或协调，最长不超过 2 个工作日；逾期按现有资料处理并记录原因。',
      role: role(),
      deadline: pick(rng, ['1个工作日内', '2h', '24小时内']),
      step: pick(rng, stepIds),
    })),
    lifecycle: {
      define: { status: 'done', date: '2025-03-03', outputs: ['《流程目标与范围说明书》'] },
      analyze: { status: 'done', date: '2025-03-17', outputs: ['《现状调研分析报告》', '《当前流程图》'] },
      design: { status: 'done', date: '2025-04-07', outputs: ['《未来流程图》', '《流程操作说明》', '《异常处理预案》'] },
      review: { status: 'done', date: '2025-04-21', outputs: ['《流程评审记录》', '《修订版流程文档》'], approvedBy: signer, reviewers },
      release: { status: 'done', date: '2025-05-06', outputs: ['《流程培训记录》', '《模板文件包》'], effective: '2025-05-06' },
      monitor: { status: 'in-progress', date: '2025-06-06', outputs: ['《流程执行监控报表》', '《员工反馈汇总表》'], cadence: '每月', firstMonthCadence: '每日', feedbackCadence: '每季度' },
      improve: { status: 'in-progress', date: lastReview, outputs: ['《流程优化建议报告》'], lastReview, nextReview },
    },
    history: [
      { version: '1.0.0', date: '2025-05-06', author: pick(rng, ['张伟', '王芳', '李娜', '刘洋', '陈静']), change: '首次发布。' },
      // A wording change (patch): a change to the flow would have to go through review and release again.
      { version: '1.0.1', date: lastReview, author: pick(rng, ['张伟', '王芳', '李娜', '刘洋', '陈静']), change: '半年复盘后修订操作说明的措辞。' },
    ],
  };

  const linked = pickSome(rng, steps, 1, 3);
  const paragraphs = pickSome(rng, SENTENCES, 1, 2).join('');
  const body = [
    '## 适用范围',
    '',
    `本流程适用于公司范围内的${subject}事项。${paragraphs}`,
    '',
    '## 操作要点',
    '',
    ...linked.map((step, k) => `${k + 1}. ${pick(rng, SENTENCES)}见[${step.name}](#${step.id})。`),
    ...(links ? related(index, count, org, seed) : []),
    '',
  ].join('\n');
  const text = `---\n${toYaml(spec)}---\n\n${body}`;
  return { id, category, path: `processes/${category}/${id}.md`, text, stepIds };
}

/**
 * Links to other processes, as handbooks have them: a third of specs point at another
 * process (half of those at one of its steps, anywhere in the handbook, before or after
 * this one), and one in six at a form another process produces. From an rng of their own,
 * so the front matter is the same with or without them.
 */
function related(index: number, count: number, org: BenchOrg, seed: number): string[] {
  const rng = prng(seed * 7_919 + index * 31 + 17);
  const lines: string[] = [];
  if (count > 1 && rng() < 0.34) {
    let other = int(rng, 0, count - 2);
    if (other >= index) other++;
    const target = generateSpec(other, count, org, seed, false);
    const path = `../${target.category}/${target.id}.md`;
    const anchor = rng() < 0.5 ? `#${pick(rng, target.stepIds)}` : '';
    lines.push('', `相关流程：[${SUBJECTS[other % SUBJECTS.length]}管理流程](${path}${anchor})。`);
  }
  if (count > 1 && rng() < 0.17) {
    // A form of another subject: some process of that subject produces it.
    const subject = SUBJECTS[int(rng, 0, Math.min(count, SUBJECTS.length) - 1)]!;
    const name = `${subject}${pick(rng, FORMS)}`;
    lines.push('', `所需表单见[《${name}》](form:${name})。`);
  }
  return lines;
}

/** YAML as people write specs: short lists of text in flow style, no anchors. */
function toYaml(value: unknown): string {
  const doc = new Document(value, { aliasDuplicateObjects: false });
  visit(doc, {
    Seq(_, seq) {
      if (isSeq(seq) && seq.items.every((item) => isScalar(item))) seq.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
