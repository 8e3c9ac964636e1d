/** bpmn-moddle ships types for the BPMN elements but not for the class that reads and writes them. */
declare module 'bpmn-moddle' {
  export interface ModdleObject {
    $type: string;
    id?: string;
    [key: string]: unknown;
  }
  export class BpmnModdle {
    create(type: string, attributes?: Record<string, unknown>): ModdleObject;
    toXML(element: ModdleObject, options?: { format?: boolean }): Promise<{ xml: string }>;
    fromXML(xml: string, type?: string): Promise<{ rootElement: ModdleObject; warnings: Array<{ message: string }>; elementsById: Record<string, ModdleObject> }>;
  }
}
